/* ESCO autocomplete for occupation and skill fields: suggestions from /api/v1/occupations/ or /api/v1/skills/.
   Picking a suggestion fills the hidden URI field; typed text that matches nothing is kept and linked on the server.
   With data-multiple="<id of a box>" (a list of chosen concepts, e.g. a programme's occupations), a picked
   suggestion instead becomes one more ticked checkbox named data-list-name in that box, and the input is cleared. */
(function () {
  "use strict";
  function setup(input) {
    var kind = input.dataset.autocomplete;
    var list = document.createElement("datalist");
    list.id = "dl-" + input.id;
    input.parentNode.insertBefore(list, input.nextSibling);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    var uriName = input.name.slice(0, input.name.length - input.dataset.own.length) + input.dataset.uri;
    var uriInput = input.form ? input.form.querySelector('[name="' + uriName + '"]') : null;
    var uris = {};
    var timer = null;
    var chosen = input.dataset.multiple ? document.getElementById(input.dataset.multiple) : null;
    function choose(label, uri) {
      var exists = Array.prototype.filter.call(chosen.querySelectorAll("input[type=checkbox]"), function (box) { return box.value === uri; });
      if (exists.length) { exists[0].checked = true; } else {
        var row = document.createElement("label");
        row.className = "check";
        var box = document.createElement("input");
        box.type = "checkbox"; box.name = input.dataset.listName; box.value = uri; box.checked = true;
        row.appendChild(box);
        row.appendChild(document.createTextNode(" " + label));
        chosen.appendChild(row);
        var none = chosen.querySelector(".esco-none");
        if (none) { none.remove(); }
      }
      input.value = "";
      if (uriInput) { uriInput.value = ""; }
    }
    input.addEventListener("input", function () {
      var picked = uris[input.value];
      if (picked && chosen) { choose(input.value, picked); return; }
      if (uriInput) { uriInput.value = picked || ""; }
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2 || picked) { return; }
      timer = setTimeout(function () {
        fetch("/api/v1/" + kind + "/?q=" + encodeURIComponent(q), {credentials: "same-origin", headers: {Accept: "application/json"}})
          .then(function (r) { return r.ok ? r.json() : {results: []}; })
          .then(function (data) {
            list.textContent = "";
            uris = {};
            (data.results || []).forEach(function (hit) {
              var option = document.createElement("option");
              option.value = hit.preferred_label;
              if (hit.matched_label && hit.matched_label !== hit.preferred_label) { option.label = hit.matched_label; }
              list.appendChild(option);
              uris[hit.preferred_label] = hit.uri;
            });
          })
          .catch(function () { /* no suggestions: the typed text is kept */ });
      }, 250);
    });
  }
  document.querySelectorAll("input[data-autocomplete]").forEach(setup);
  // A row added by the formset's "Add another" button (site.js).
  document.addEventListener("formset:added", function (event) {
    event.detail.querySelectorAll("input[data-autocomplete]").forEach(setup);
  });
})();
