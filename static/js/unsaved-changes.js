// A warning before leaving a page with text typed and not saved: a form that posts, with a
// field changed since the page (or the part of it htmx swapped in) showed it, or a form the
// server sent back refused (a conflict, a field in error) with the person's text still in it.
// Submitting a form is not leaving it unsaved. window.unsavedChanges(element) says whether
// the forms in an element have such changes (agenda-editor.js asks before closing a panel).
(function () {
  "use strict";

  let submitting = null;

  function changed(field) {
    if (!field.name || field.disabled || field.type === "hidden") return false;
    if (field.type === "checkbox" || field.type === "radio") {
      return field.checked !== field.defaultChecked;
    }
    if (field.tagName === "SELECT") {
      // With no option marked selected, a single select shows its first option by default.
      const options = Array.from(field.options);
      const marked = options.some((option) => option.defaultSelected);
      return options.some(
        (option, index) =>
          option.selected !== (marked ? option.defaultSelected : !field.multiple && index === 0),
      );
    }
    if (field.type === "file") return field.files.length > 0;
    if (field.value === undefined || field.defaultValue === undefined) return false;
    return field.value !== field.defaultValue;
  }

  function unsaved(form) {
    if (form === submitting || form.method.toLowerCase() !== "post") return false;
    if (form.closest("[data-no-unsaved-warning]")) return false;
    if (form.querySelector(".conflict, [aria-invalid='true']")) return true;
    return Array.from(form.elements).some(changed);
  }

  window.unsavedChanges = (root) => {
    const forms = root.tagName === "FORM" ? [root] : Array.from(root.querySelectorAll("form"));
    return forms.some(unsaved);
  };

  // Capture: before htmx takes a submit over. An htmx submit that fails leaves the form as it
  // was, with its changes: it counts again once the request has ended.
  document.addEventListener("submit", (event) => (submitting = event.target), true);
  document.addEventListener("htmx:afterRequest", () => (submitting = null));

  window.addEventListener("beforeunload", (event) => {
    if (window.unsavedChanges(document.body)) {
      event.preventDefault();
      event.returnValue = ""; // older browsers show their own text, never this one
    }
  });
})();
