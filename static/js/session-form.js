// The new-session form asks for the title in the session's original language: when the
// original language changes, so do the title's label and language. An enhancement only: the
// server reads the title in the language chosen, with or without this script.
(function () {
  "use strict";

  const form = document.querySelector("form[data-title-follows-original]");
  if (!form) return;
  const select = form.querySelector('select[name="original_language"]');
  const label = form.querySelector('label[data-template]');
  const input = form.querySelector('input[name="title"]');
  const lang = form.querySelector('input[name="lang"]');
  if (!select || !label || !input) return;

  function follow() {
    const code = select.value;
    label.textContent = label.dataset.template.replace("__lang__", code);
    input.lang = code;
    input.dir = code === "ar" ? "rtl" : "auto";
    if (lang) lang.value = code;
  }

  select.addEventListener("change", follow);
})();
