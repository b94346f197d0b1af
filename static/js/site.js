// Behaviour every page shares. Pages carry no inline script (the Content-Security-Policy forbids it), so what an
// attribute handler did lives here.
(function () {
  "use strict";
  // <select data-submit-on-change>: the language picker submits its form when a language is chosen.
  document.querySelectorAll("select[data-submit-on-change]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  // <details data-menu>: the header's menu button on a phone. The disclosure itself needs no script; this adds what
  // a menu is expected to do: Escape closes it and gives the focus back to the button, a click elsewhere closes it.
  var phone = window.matchMedia("(max-width: 720px)");
  var showsClosedContent = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
  document.querySelectorAll("details[data-menu]").forEach(function (menu) {
    var button = menu.querySelector("summary");
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open && phone.matches) {
        menu.open = false;
        button.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (menu.open && phone.matches && !menu.contains(event.target)) { menu.open = false; }
    });
    // A browser without ::details-content keeps the button on wide screens: open the menu there instead.
    if (!showsClosedContent) {
      var follow = function () { menu.open = !phone.matches; };
      follow();
      phone.addEventListener("change", follow);
    }
  });

  // <input data-creation-key>: the key that makes a form's "create" happen once (core/idempotency.py). Back to a
  // form already posted re-fetches the page, which hands out a fresh key; the key the form was posted with is kept
  // for this tab, so that the form reached by Back or Forward posts it again and the server repeats that save
  // instead of creating a second record. A form opened afresh (a link, a reload) keeps its new key.
  var navigation = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
  var cameBack = navigation && navigation.type === "back_forward";
  document.querySelectorAll("input[data-creation-key]").forEach(function (input) {
    var slot = "creation-key:" + location.pathname + ":" + (input.form && input.form.id || "");
    try {
      var kept = window.sessionStorage.getItem(slot);
      if (cameBack && kept) { input.value = kept; }
      if (input.form) {
        input.form.addEventListener("submit", function () { window.sessionStorage.setItem(slot, input.value); });
      }
    } catch (error) { /* storage refused (private mode): the form keeps the key it was given */ }
  });

  // <button data-add-row="prefix">: a Django formset's "add another row". The button shows only where this script
  // runs (without it, saving adds a blank row). The new row is the formset's empty form with the next index; the
  // "formset:added" event lets field widgets (autocomplete.js) wire up the row's inputs.
  document.querySelectorAll("button[data-add-row]").forEach(function (button) {
    var prefix = button.getAttribute("data-add-row");
    var total = document.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
    var maximum = document.querySelector('input[name="' + prefix + '-MAX_NUM_FORMS"]');
    var rows = document.querySelector('[data-rows="' + prefix + '"]');
    var template = document.getElementById(prefix + "-empty-row");
    if (!total || !rows || !template) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      if (maximum && index >= parseInt(maximum.value, 10)) { button.disabled = true; return; }
      var holder = document.createElement("div");
      holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
      var row = holder.firstElementChild;
      rows.appendChild(row);
      total.value = String(index + 1);
      document.dispatchEvent(new CustomEvent("formset:added", { detail: row }));
      var first = row.querySelector("input:not([type=hidden]), select");
      if (first) { first.focus(); }
    });
  });
})();
