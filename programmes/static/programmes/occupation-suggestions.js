// "Programmes for employers": suggest ESCO occupations while the employer types, into the datalist that the
// input names with data-suggestions.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggestions]");
  if (!input) { return; }
  var list = document.getElementById(input.dataset.suggestions);
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2 || !list) { return; }
    timer = setTimeout(function () {
      fetch("/api/v1/occupations/?q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) {
          list.replaceChildren();
          (data.results || []).forEach(function (hit) {
            var option = document.createElement("option");
            option.value = hit.preferred_label;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 250);
  });
})();
