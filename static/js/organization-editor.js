// Drag and drop for the organization of work. An enhancement only: ticking items and
// pressing "Assign" does the same without JavaScript. Dropping an item of the agenda onto a
// meeting assigns it (and, when it is ticked, every ticked item with it) in one request; the
// server sends back the whole editor, which htmx swaps in.
(function () {
  "use strict";

  function enable(root) {
    const editor = root.id === "organization" ? root : root.querySelector("#organization");
    if (!editor || !window.Sortable) return;
    const pool = editor.querySelector("#item-pool");
    const form = editor.querySelector("#drop-form");
    Sortable.create(pool, {
      group: { name: "organization", pull: "clone", put: false },
      sort: false,
      animation: 120,
      forceFallback: true, // pointer events: the same in every browser and for touch
      fallbackOnBody: true,
      filter: "input", // ticking a box is not the start of a drag
      preventOnFilter: false,
    });
    editor.querySelectorAll("ul.lines[data-sitting]").forEach((list) => {
      Sortable.create(list, {
        group: { name: "organization", pull: false, put: true },
        sort: false,
        onAdd: (event) => {
          const dragged = event.item;
          const ticked = Array.from(pool.querySelectorAll('input[name="items"]:checked'));
          const box = pool.querySelector(`li[data-id="${dragged.dataset.id}"] input`);
          const ids = box && box.checked ? ticked.map((input) => input.value) : [dragged.dataset.id];
          dragged.remove(); // the server's answer shows the meeting as it now is
          form.querySelectorAll('input[name="items"]').forEach((input) => input.remove());
          ids.forEach((id) => {
            const input = document.createElement("input");
            input.type = "hidden";
            input.name = "items";
            input.value = id;
            form.append(input);
          });
          form.querySelector('input[name="sitting"]').value = list.dataset.sitting;
          // Sortable's animation leaves inline styles; the strict CSP refuses them on swap.
          editor.querySelectorAll("li[style]").forEach((li) => li.removeAttribute("style"));
          htmx.trigger(form, "drop-assign");
        },
      });
    });
  }

  htmx.onLoad(enable);
})();
