// Homework pages: save each answer on the server as it is given, and keyboard shortcuts.
// Without JavaScript the form still works: Next/Back/Finish save the answers on the page.
(function () {
  "use strict";
  const form = document.querySelector("form[data-autosave]");
  if (!form) return;
  const status = document.querySelector("[data-save-status]");
  const answered = document.querySelector("[data-answered]");
  const progress = document.querySelector("[data-progress]");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function show(text, state) {
    if (!status) return;
    status.textContent = text;
    status.dataset.state = state;
  }

  async function save(card) {
    const data = new FormData();
    data.append("question", card.dataset.question);
    card.querySelectorAll("input, select, textarea").forEach(function (field) {
      if ((field.type === "radio" || field.type === "checkbox") && !field.checked) return;
      if (field.name) data.append(field.name, field.value);
    });
    show("Saving…", "saving");
    try {
      const response = await fetch(form.dataset.autosave, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": csrf },
        credentials: "same-origin",
      });
      const body = await response.json();
      if (!response.ok) {
        show(body.error || "Not saved", "error");
        return;
      }
      show("Saved", "saved");
      if (answered) answered.textContent = body.answered;
      if (progress) {
        progress.setAttribute("aria-valuenow", body.answered);
        progress.firstElementChild.style.width = (100 * body.answered / body.total) + "%";
      }
    } catch (error) {
      show("Not saved: check your connection", "error");
    }
  }

  const timers = new WeakMap();
  form.addEventListener("input", function (event) {
    const card = event.target.closest("[data-question]");
    if (!card) return;
    clearTimeout(timers.get(card));
    // Typing waits for a pause; choices save at once.
    const delay = event.target.type === "text" ? 600 : 0;
    timers.set(card, setTimeout(function () { save(card); }, delay));
    show("Not saved yet", "pending");
  });

  // Number keys pick an option when only one question is on the page and no text box has focus.
  const cards = form.querySelectorAll("[data-question]");
  document.addEventListener("keydown", function (event) {
    if (cards.length !== 1 || event.target.matches("input[type=text], textarea, select")) return;
    const choices = cards[0].querySelectorAll("input[type=radio]");
    const index = parseInt(event.key, 10) - 1;
    if (index >= 0 && index < choices.length) {
      choices[index].checked = true;
      choices[index].dispatchEvent(new Event("input", { bubbles: true }));
      choices[index].focus();
    }
  });
})();
