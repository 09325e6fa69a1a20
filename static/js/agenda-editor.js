// Drag and drop for the agenda editor. An enhancement only: the move buttons and plain
// forms do the same without JavaScript. After a drop the whole new order is posted at once;
// the server renumbers and sends back the tree, which htmx swaps in.
(function () {
  "use strict";

  function layoutOf(tree) {
    const top = tree.querySelector('ol[data-level="1"]');
    return Array.from(top.children)
      .filter((li) => li.dataset.id)
      .map((li) => [
        Number(li.dataset.id),
        Array.from(li.querySelectorAll(':scope > ol[data-level="2"] > li[data-id]')).map((sub) =>
          Number(sub.dataset.id),
        ),
      ]);
  }

  function hasSubItems(li) {
    return li.querySelector(':scope > ol[data-level="2"] > li[data-id]') !== null;
  }

  function enable(root) {
    const tree = root.id === "agenda-tree" ? root : root.querySelector("#agenda-tree");
    if (!tree || !window.Sortable) return;
    const form = tree.querySelector("#reorder-form");
    tree.querySelectorAll("ol.item-list").forEach((list) => {
      Sortable.create(list, {
        group: "agenda",
        handle: ".drag-handle",
        animation: 120,
        forceFallback: true, // pointer events: the same in every browser and for touch
        fallbackOnBody: true,
        // Agendas have two levels: an item with sub-items cannot become a sub-item.
        onMove: (event) => !(event.to.dataset.level === "2" && hasSubItems(event.dragged)),
        onEnd: () => {
          // Sortable's animation leaves inline styles on the rows; htmx would copy them onto
          // the swapped-in rows, which the strict CSP (no inline styles) refuses.
          tree.querySelectorAll("li[style]").forEach((li) => li.removeAttribute("style"));
          form.querySelector('input[name="layout"]').value = JSON.stringify(layoutOf(tree));
          htmx.trigger(form, "reorder");
        },
      });
    });
  }

  htmx.onLoad(enable);
})();
