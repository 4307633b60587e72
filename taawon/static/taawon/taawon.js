// Taawon's few behaviours in the browser, declared by data-taawon-* attributes. They live in
// this static file because the Content Security Policy forbids inline scripts, event-handler
// attributes and style attributes.
(function () {
  "use strict";

  // <button data-taawon-toggle="ID">: shows or hides the element ID (the menu on a phone).
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-taawon-toggle]");
    if (!button) return;
    var target = document.getElementById(button.getAttribute("data-taawon-toggle"));
    if (!target) return;
    var shown = target.classList.toggle("show");
    button.setAttribute("aria-expanded", shown ? "true" : "false");
  });

  // <form data-taawon-confirm="question">: asks before submitting.
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-taawon-confirm]");
    if (form && !window.confirm(form.getAttribute("data-taawon-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // htmx element with data-taawon-remove-after-request: removed once its request succeeded.
  document.addEventListener("htmx:afterRequest", function (event) {
    var element = event.detail.elt;
    if (element && element.hasAttribute("data-taawon-remove-after-request") &&
        event.detail.successful) {
      element.remove();
    }
  });

  // data-taawon-progress="42": a progress bar's width, set through the CSSOM (which the
  // policy allows, unlike a style attribute), now and after each htmx swap.
  function showProgress(root) {
    root.querySelectorAll("[data-taawon-progress]").forEach(function (bar) {
      bar.style.inlineSize = Number(bar.getAttribute("data-taawon-progress")) + "%";
    });
  }
  document.addEventListener("DOMContentLoaded", function () { showProgress(document); });
  document.addEventListener("htmx:afterSwap", function (event) { showProgress(event.detail.target); });

  // A table box that scrolls sideways (a wide table on a phone) joins the tab order, so that a
  // keyboard can scroll its hidden columns into view; boxes whose table fits stay out of it.
  // Boxes a template already made focusable keep their own tabindex.
  function focusScrollingBoxes(root) {
    root.querySelectorAll(".table-responsive").forEach(function (box) {
      if (box.hasAttribute("tabindex") && !box.hasAttribute("data-taawon-scrolls")) return;
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-taawon-scrolls", "");
      } else if (box.hasAttribute("data-taawon-scrolls")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-taawon-scrolls");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { focusScrollingBoxes(document); });
  window.addEventListener("load", function () { focusScrollingBoxes(document); });
  window.addEventListener("resize", function () { focusScrollingBoxes(document); });
  document.addEventListener("htmx:afterSettle", function () { focusScrollingBoxes(document); });

  // <a data-taawon-export>: an export link keeps the list's filters as they are now (live
  // search changes the address without reloading the page), with the link's own format.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-taawon-export]");
    if (!link) return;
    var url = new URL(link.href, window.location.href);
    var params = new URLSearchParams(window.location.search);
    params.delete("page");
    new URLSearchParams(url.search).forEach(function (value, key) {
      if (key === "format" || key === "identified") params.set(key, value);
    });
    url.search = params.toString();
    link.href = url.toString();
  });
})();
