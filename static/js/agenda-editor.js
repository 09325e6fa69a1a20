// The agenda editor's enhancements; the move buttons and plain forms do the same without
// JavaScript. Drag and drop: after a drop the whole new order is posted at once; the server
// renumbers and sends back the tree, which htmx swaps in. Then one item panel at a time, and
// the live preview of the document.
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

  // One item panel at a time: opening an item's form puts the line of the one open before it
  // back (after asking, if its fields were changed), as its Cancel would.
  const lines = new Map(); // the id of the item's <li> -> the line its open form replaced

  document.body.addEventListener("htmx:beforeRequest", (event) => {
    const link = event.detail.elt;
    if (!link.matches || !link.matches("a.edit-item")) return;
    const tree = link.closest("#agenda-tree");
    const others = Array.from(tree.querySelectorAll(".editor-item > .item-form"));
    const changed = others.some((panel) => window.unsavedChanges && window.unsavedChanges(panel));
    if (changed && !window.confirm(tree.dataset.discardMessage)) {
      event.preventDefault();
      return;
    }
    others.forEach((panel) => {
      const line = lines.get(panel.parentElement.id);
      if (line) htmx.swap(panel, line, { swapStyle: "outerHTML" });
      else panel.remove();
    });
  });

  document.body.addEventListener("htmx:beforeSwap", (event) => {
    const target = event.detail.target;
    const elt = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (elt && elt.matches && elt.matches("a.edit-item") && target.matches(".item-line")) {
      lines.set(target.parentElement.id, target.outerHTML);
    }
  });

  // The live preview: the page as the PDF lays it out, framed at its printed width and scaled
  // to the panel; open beside the editor on a wide screen, folded on a phone. After an edit
  // (the server's HX-Trigger "agenda-changed") it loads again where it was scrolled to.
  const PAGE_WIDTH = 840; // px: the framed page and its margins (site.css .preview-frame)
  const preview = document.getElementById("live-preview");
  if (!preview) return;
  const box = preview.querySelector(".preview-frame");
  const frame = box.querySelector("iframe");
  let stale = false;

  function fit() {
    if (!box.clientWidth) return;
    box.style.setProperty("--preview-scale", String(Math.min(1, box.clientWidth / PAGE_WIDTH)));
    box.classList.add("scaled");
  }

  function reload() {
    if (!preview.open) {
      stale = true; // loaded again when opened
      return;
    }
    stale = false;
    let scrolled = 0;
    try {
      scrolled = frame.contentWindow.scrollY;
    } catch (error) {
      scrolled = 0; // a page of another origin, opened from a link in the preview
    }
    frame.addEventListener("load", () => frame.contentWindow.scrollTo(0, scrolled), { once: true });
    frame.src = frame.getAttribute("src");
  }

  preview.addEventListener("toggle", () => {
    fit();
    if (preview.open && stale) reload();
  });
  window.addEventListener("resize", fit);
  document.body.addEventListener("agenda-changed", reload);
  if (window.matchMedia("(min-width: 75rem)").matches) preview.open = true;
  fit();
})();
