// "The whole section" ticks (or unticks) its sub-topics. Without this script the server still
// takes a ticked section to mean all of its sub-topics.
document.querySelectorAll("[data-section]").forEach((section) => {
  const boxes = section.querySelectorAll("input[type=checkbox]");
  const whole = boxes[0];
  if (!whole) return;
  whole.addEventListener("change", () => {
    boxes.forEach((box) => {
      box.checked = whole.checked;
    });
  });
});
