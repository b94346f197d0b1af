// Behaviour every page shares. Pages carry no inline script (the Content-Security-Policy forbids it), so what an
// attribute handler did lives here.
(function () {
  "use strict";
  // <select data-submit-on-change>: the language picker submits its form when a language is chosen.
  document.querySelectorAll("select[data-submit-on-change]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
