// Dark mode toggle. Loaded in <head> so the saved choice applies before the first paint
// (no flash, no layout shift). Without JavaScript the site follows prefers-color-scheme and
// the toggle stays hidden.
(function () {
  var key = "shelf-theme";
  var root = document.documentElement;
  var saved = null;
  try { saved = localStorage.getItem(key); } catch (e) { /* storage may be disabled */ }
  if (saved === "dark" || saved === "light") { root.setAttribute("data-theme", saved); }

  function isDark() {
    var chosen = root.getAttribute("data-theme");
    if (chosen) { return chosen === "dark"; }
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  document.addEventListener("DOMContentLoaded", function () {
    // A contents list open on a wide screen pushes the text down a whole phone screen.
    if (window.matchMedia && window.matchMedia("(max-width: 40rem)").matches) {
      document.querySelectorAll("details[data-fold-narrow]").forEach(function (box) { box.open = false; });
    }
    var button = document.querySelector("[data-theme-toggle]");
    if (!button) { return; }
    // aria-pressed tells assistive technology the state; the word beside the label shows it.
    var state = button.querySelector("[data-theme-state]");
    var sync = function () {
      button.setAttribute("aria-pressed", isDark() ? "true" : "false");
      // The words come from the theme's strings (#17), English when it gives none.
      if (state) { state.textContent = isDark() ? button.getAttribute("data-state-on") || "on" : button.getAttribute("data-state-off") || "off"; }
    };
    button.hidden = false;
    sync();
    button.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem(key, next); } catch (e) { /* the choice lasts for this page only */ }
      sync();
    });
  });
})();
