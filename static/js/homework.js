// Answer pages (homework questions and practice attempts): autosave with a "saved" indicator,
// keyboard shortcuts, and a last look at unanswered questions before submitting.
// Without JavaScript every form still works: Next, Back, Finish and Save post the answers shown.
(function () {
  "use strict";
  const form = document.querySelector("form[data-answers]");
  if (!form) return;
  const cards = Array.from(form.querySelectorAll("[data-question]"));

  limitChoices();
  if (form.dataset.autosave) autosave();
  keyboard();
  if (form.dataset.confirm) confirmBeforeSubmit(document.getElementById(form.dataset.confirm));

  function isAnswered(card) {
    return Array.from(card.querySelectorAll("input, select, textarea")).some(function (field) {
      if (field.type === "radio" || field.type === "checkbox") return field.checked;
      return field.name && field.value.trim() !== "";
    });
  }

  // "Choose two": a tick past the limit is undone before it counts (no input event, no save),
  // and the status line says why. The server refuses more choices too.
  function limitChoices() {
    form.addEventListener("click", function (event) {
      const box = event.target;
      const group = box.closest && box.closest("[data-choose]");
      if (!group || box.type !== "checkbox") return;
      const status = group.querySelector("[data-choose-status]");
      const limit = Number(group.dataset.choose);
      const ticked = group.querySelectorAll("input[type=checkbox]:checked").length;
      if (box.checked && ticked > limit) {
        event.preventDefault();
        status.textContent = "You can choose only " + group.dataset.chooseWord + ": untick one first.";
      } else {
        status.textContent = "";
      }
    });
  }

  function focusFirstField(card) {
    const checked = card.querySelector("input[type=radio]:checked");
    const fields = card.querySelectorAll("input, select, textarea, [tabindex='0']");
    const target = checked || Array.from(fields).find(function (field) {
      return field.getClientRects().length > 0; // skips fields hidden by ordering.js
    });
    if (target) target.focus();
  }

  function autosave() {
    const status = document.querySelector("[data-save-status]");
    const answered = document.querySelector("[data-answered]");
    const progress = document.querySelector("[data-progress]");
    const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    const waiting = new Map(); // card -> timer: changed, not sent yet
    const unsent = new Set(); // cards whose last save never reached the server
    let sending = 0;
    let refusal = ""; // the server's reason for not saving the last answer it was sent

    function show(text, state) {
      if (!status) return;
      status.hidden = false;
      // Rewriting the same text would make some screen readers announce it again.
      if (status.textContent !== text) status.textContent = text;
      status.dataset.state = state;
    }

    function settle() {
      if (sending || waiting.size) {
        show("Saving…", "saving");
      } else if (unsent.size) {
        show("Not saved — check your connection", "error");
      } else if (refusal) {
        show("Not saved: " + refusal, "error");
      } else {
        const time = new Date().toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
        show("Saved ✓ " + time, "saved");
      }
    }

    // One save at a time per question: a second change while one is on its way is sent after
    // it, so the server always ends with the latest answer.
    const inFlight = new Set();
    const again = new Set();

    async function save(card) {
      clearTimeout(waiting.get(card));
      waiting.delete(card);
      unsent.delete(card);
      if (inFlight.has(card)) {
        again.add(card);
        return;
      }
      inFlight.add(card);
      const data = new FormData();
      data.append("question", card.dataset.question);
      card.querySelectorAll("input, select, textarea").forEach(function (field) {
        if ((field.type === "radio" || field.type === "checkbox") && !field.checked) return;
        if (field.name) data.append(field.name, field.value);
      });
      sending += 1;
      settle();
      try {
        const response = await fetch(form.dataset.autosave, {
          method: "POST",
          body: data,
          headers: { "X-CSRFToken": csrf },
          credentials: "same-origin",
          keepalive: true, // lets a save started as the page closes finish
        });
        const isJson = (response.headers.get("Content-Type") || "").includes("application/json");
        // A signed-out session is redirected to the sign-in page, which is HTML, not JSON.
        const body = isJson ? await response.json() : { error: "you are signed out: sign in again to save." };
        if (response.ok && isJson) {
          refusal = "";
          if (answered) answered.textContent = body.answered;
          if (progress) {
            progress.setAttribute("aria-valuenow", body.answered);
            progress.firstElementChild.style.width = (100 * body.answered / body.total) + "%";
          }
        } else {
          // Sending the same answer again would be refused again: wait for the next change.
          refusal = body.error || "please try again.";
        }
      } catch (error) {
        unsent.add(card);
      }
      sending -= 1;
      inFlight.delete(card);
      if (again.delete(card)) save(card);
      settle();
    }

    form.addEventListener("input", function (event) {
      const card = event.target.closest("[data-question]");
      if (!card) return;
      clearTimeout(waiting.get(card));
      // Typing waits for a pause, and so does a list being reordered; choices save at once.
      let delay = 0;
      if (event.target.type === "text") delay = 600;
      else if (event.target.closest("[data-ordering-fields]")) delay = 400;
      waiting.set(card, setTimeout(function () { save(card); }, delay));
      // A change is the moment to retry answers that did not get through.
      unsent.forEach(function (other) { if (other !== card) save(other); });
      settle();
    });
    window.addEventListener("online", function () { unsent.forEach(save); });
    // Leaving the page (a question number, the back button) before a pause still saves the answer.
    window.addEventListener("pagehide", function () { waiting.forEach(function (timer, card) { save(card); }); });
    show("Answers save as you go", "idle");
    // An answer given before this script ran (a quick tap while a slow connection was still
    // loading it) sent no event: save it now.
    cards.filter(changedSinceLoad).forEach(save);
  }

  function changedSinceLoad(card) {
    return Array.from(card.querySelectorAll("input, select, textarea")).some(function (field) {
      if (field.type === "radio" || field.type === "checkbox") return field.checked !== field.defaultChecked;
      if (field.tagName === "SELECT") {
        const first = Array.from(field.options).find(function (o) { return o.defaultSelected; }) || field.options[0];
        return field.value !== (first ? first.value : "");
      }
      return field.value !== field.defaultValue;
    });
  }

  function keyboard() {
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
      if (event.key === "Enter") moveOn(event);
      else chooseByNumber(event);
    });
  }

  // Enter in a typed answer (or on a choice) goes to the next question on the page, or presses
  // Next/Finish/Submit when there is none, instead of the browser's default: the first button, Back.
  function moveOn(event) {
    const field = event.target;
    if (!form.contains(field) || !field.matches("input[type=text], input[type=radio]")) return;
    event.preventDefault();
    const next = cards[cards.indexOf(field.closest("[data-question]")) + 1];
    if (next) {
      focusFirstField(next);
    } else {
      const primary = form.querySelector("[data-primary]");
      if (primary) primary.click();
    }
  }

  // Number keys pick an option when only one question is on the page and no text box has focus.
  function chooseByNumber(event) {
    if (cards.length !== 1 || event.target.matches("input[type=text], textarea, select")) return;
    const choices = cards[0].querySelectorAll("input[type=radio]");
    const index = parseInt(event.key, 10) - 1;
    if (index >= 0 && index < choices.length) {
      choices[index].checked = true;
      choices[index].dispatchEvent(new Event("input", { bubbles: true }));
      choices[index].focus();
    }
  }

  function confirmBeforeSubmit(dialog) {
    if (!dialog || typeof dialog.showModal !== "function") return;
    const list = dialog.querySelector("[data-confirm-list]");
    let submitter = null;
    let confirmed = false;

    form.addEventListener("submit", function (event) {
      if (confirmed || !event.submitter || event.submitter.name !== "submit") return;
      event.preventDefault();
      submitter = event.submitter;
      const missing = cards.filter(function (card) { return !isAnswered(card); });
      dialog.querySelector("[data-confirm-unanswered]").hidden = missing.length === 0;
      dialog.querySelector("[data-confirm-all]").hidden = missing.length > 0;
      dialog.querySelector("[data-confirm-count]").textContent =
        missing.length + (missing.length === 1 ? " question" : " questions");
      list.replaceChildren(...missing.map(function (card) {
        const link = document.createElement("a");
        link.href = "#" + card.id;
        link.textContent = "Question " + card.dataset.number;
        link.addEventListener("click", function (click) {
          click.preventDefault();
          dialog.close();
          card.scrollIntoView({ block: "start" });
          focusFirstField(card);
        });
        const item = document.createElement("li");
        item.append(link);
        return item;
      }));
      dialog.showModal();
      dialog.querySelector("[data-confirm-cancel]").focus(); // the safe choice for a stray Enter
    });
    dialog.querySelector("[data-confirm-cancel]").addEventListener("click", function () {
      dialog.close();
    });
    dialog.querySelector("[data-confirm-submit]").addEventListener("click", function () {
      confirmed = true;
      dialog.close();
      submitter.click();
    });
  }
})();
