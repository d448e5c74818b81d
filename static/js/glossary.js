// The glossary's filter box: typing hides the terms whose name and definition do not contain
// the text, and the letters left with none. Without this script the box stays hidden and the
// page is the whole list.
(() => {
  const box = document.querySelector("[data-glossary-filter]");
  if (!box) return;
  const input = box.querySelector("input");
  const count = box.querySelector("[data-filter-count]");
  const none = document.querySelector("[data-filter-none]");
  const sections = [...document.querySelectorAll("[data-letter-section]")];
  const terms = [...document.querySelectorAll("[data-term]")].map((term) => ({
    term,
    text: term.textContent.toLowerCase(),
  }));
  box.hidden = false;

  const apply = () => {
    const wanted = input.value.trim().toLowerCase();
    let shown = 0;
    terms.forEach(({ term, text }) => {
      term.hidden = wanted !== "" && !text.includes(wanted);
      if (!term.hidden) shown += 1;
    });
    sections.forEach((section) => {
      section.hidden = !section.querySelector("[data-term]:not([hidden])");
    });
    none.hidden = shown > 0;
    count.textContent = wanted ? `${shown} of ${terms.length} terms shown` : "";
  };
  input.addEventListener("input", apply);
  apply();
})();
