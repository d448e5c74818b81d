// Print buttons: [data-print] is hidden until this script shows it (without it, use the browser's print).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
