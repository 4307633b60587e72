// Search-as-you-type pickers (taawon/core/pickers.py). Without this file the plain <select>
// works; with it, a search box fills the <select>. No inline script: the page's CSP allows none.
(function () {
  "use strict";
  if (window.taawonPickers) { return; }
  window.taawonPickers = true;

  function show(root) {
    root.querySelectorAll("[data-picker-search][hidden]").forEach(function (input) {
      input.hidden = false;
    });
  }

  // htmx sends the text typed as `q`: the search box has no name, so the form never submits it.
  document.addEventListener("htmx:configRequest", function (event) {
    var element = event.detail.elt;
    if (element.matches && element.matches("[data-picker-search]")) {
      event.detail.parameters.q = element.value;
    }
  });

  // Enter in a search box picks the first match instead of submitting the form around it.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !event.target.matches("[data-picker-search]")) { return; }
    event.preventDefault();
    var picker = event.target.closest("[data-picker]");
    var first = picker && picker.querySelector("[data-picker-value]");
    if (first) { first.click(); }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-picker-value]");
    if (!button) { return; }
    var picker = button.closest("[data-picker]");
    var select = picker && picker.querySelector("select");
    if (!select) { return; }
    var value = button.getAttribute("data-picker-value");
    var label = button.getAttribute("data-picker-label");
    var option = Array.prototype.find.call(select.options, function (o) { return o.value === value; });
    if (!option) {
      option = new Option(label, value);
      select.add(option);
    }
    if (select.multiple) { option.selected = true; } else { select.value = value; }
    select.dispatchEvent(new Event("change", { bubbles: true }));
    var search = picker.querySelector("[data-picker-search]");
    var matches = button.parentElement;
    if (select.multiple) {
      button.remove();
    } else {
      matches.textContent = "";
      if (search) { search.value = label; }
    }
    select.focus();
  });

  document.addEventListener("DOMContentLoaded", function () { show(document); });
  document.addEventListener("htmx:load", function (event) { show(event.target); });
  if (document.readyState !== "loading") { show(document); }
})();
