// ESCO autocomplete for the vacancy form: occupations and skills from /api/v1/. Works without it (server buttons).
(function () {
  "use strict";
  function debounce(fn, ms) { var t; return function () { var a = arguments; clearTimeout(t); t = setTimeout(function () { fn.apply(null, a); }, ms); }; }
  function attach(input, list, onPick) {
    if (!input || !list) return;
    var run = debounce(function () {
      var q = input.value.trim();
      if (q.length < 2) { list.hidden = true; return; }
      fetch(input.dataset.api + "?q=" + encodeURIComponent(q), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) {
          list.innerHTML = "";
          (data.results || []).slice(0, 8).forEach(function (hit) {
            var li = document.createElement("li");
            var b = document.createElement("button");
            b.type = "button"; b.className = "link"; b.setAttribute("role", "option");
            b.textContent = hit.preferred_label + (hit.matched_label && hit.matched_label !== hit.preferred_label ? " (" + hit.matched_label + ")" : "");
            b.addEventListener("click", function () { list.hidden = true; onPick(hit); });
            li.appendChild(b); list.appendChild(li);
          });
          list.hidden = !list.children.length;
        })
        .catch(function () { list.hidden = true; });
    }, 250);
    input.addEventListener("input", run);
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); } });
  }
  attach(document.getElementById("occupation-search"), document.getElementById("occupation-results"), function (hit) {
    var box = document.getElementById("occupation-choices");
    box.innerHTML = "";
    var label = document.createElement("label"); label.className = "check";
    var radio = document.createElement("input"); radio.type = "radio"; radio.name = "occupation"; radio.value = hit.uri; radio.checked = true;
    label.appendChild(radio); label.appendChild(document.createTextNode(" " + hit.preferred_label));
    box.appendChild(label);
    document.getElementById("use-occupation").click();  // the server loads ESCO's skills for it
  });
  attach(document.getElementById("add-skill"), document.getElementById("skill-results"), function (hit) {
    var kind = document.getElementById("add-skill-kind").value;
    var target = document.getElementById(kind === "optional" ? "optional-list" : "essential-list");
    var label = document.createElement("label"); label.className = "check";
    var box = document.createElement("input"); box.type = "checkbox"; box.name = kind + "_skills"; box.value = hit.uri; box.checked = true;
    label.appendChild(box); label.appendChild(document.createTextNode(" " + hit.preferred_label));
    target.appendChild(label);
    document.getElementById("add-skill").value = "";
  });
})();
