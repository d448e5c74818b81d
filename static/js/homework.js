// Answer pages (homework questions and practice attempts): autosave with a "saved" indicator,
// keyboard shortcuts, and a last look at unanswered questions before submitting.
// Without JavaScript every form still works: Next, Back, Finish and Save post the answers shown.
(function () {
  "use strict";
  const form = document.querySelector("form[data-answers]");
  if (!form) return;
  // A page brought back from the browser's memory (the back button after handing in) is stale:
  // load it again, so the server shows the feedback instead of a page to answer.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) window.location.reload();
  });
  const cards = Array.from(form.querySelectorAll("[data-question]"));

  limitChoices();
  if (form.dataset.autosave) autosave();
  keyboard();
  if (form.dataset.confirm) confirmBeforeSubmit(document.getElementById(form.dataset.confirm));

  function isAnswered(card) {
    return Array.from(card.querySelectorAll("input, select, textarea")).some(function (field) {
      if (field.type === "hidden" || field.matches("[data-flag]")) return false;
      if (field.type === "radio" || field.type === "checkbox") return field.checked;
      return field.name && field.value.trim() !== "";
    });
  }

  // The question numbers say which questions are answered and which are to come back to.
  function navShows(card, state) {
    const link = document.querySelector("[data-nav-question='" + card.dataset.question + "']");
    if (!link) return;
    if ("answered" in state) link.classList.toggle("is-answered", Boolean(state.answered));
    if ("flagged" in state) link.classList.toggle("is-flagged", Boolean(state.flagged));
    link.setAttribute("aria-label", "Question " + link.textContent.replace("⚑", "").trim() +
      (link.classList.contains("is-answered") ? ", answered" : ", not answered") +
      (link.classList.contains("is-flagged") ? ", to come back to" : ""));
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

  // Every save sends the version of the answer the page shows; the server refuses a save from a
  // page older than the answer (another device got there first) and sends the newer answer,
  // which the page then shows. A save that fails on the way (no signal, a server error) is kept
  // and sent again, with growing pauses, until it lands.
  function autosave() {
    const status = document.querySelector("[data-save-status]");
    const answered = document.querySelector("[data-answered]");
    const progress = document.querySelector("[data-progress]");
    const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    const loginPath = form.dataset.loginUrl || "";
    const waiting = new Map(); // card -> timer: changed, not sent yet
    const retries = new Map(); // card -> {timer, tries}: a save that did not get through
    const inFlight = new Set();
    const again = new Set(); // changed again while its save was on the way
    let refusal = ""; // the server's reason for not saving the last answer it was sent
    let signedOut = false;
    let submitting = false;

    function show(text, state) {
      if (!status) return;
      status.hidden = false;
      // Rewriting the same text would make some screen readers announce it again.
      if (status.textContent !== text) status.textContent = text;
      status.dataset.state = state;
    }

    function settle() {
      if (signedOut) {
        show("Not saved: you are signed out. Sign in again to save.", "error");
      } else if (retries.size && !inFlight.size) {
        show("Not saved yet: retrying…", "retrying");
      } else if (inFlight.size || waiting.size || retries.size) {
        show("Saving…", "saving");
      } else if (refusal) {
        show("Not saved: " + refusal, "error");
      } else {
        const time = new Date().toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
        show("Saved ✓ " + time, "saved");
      }
    }

    // The answer's own fields: not the "come back to this" box, which saves on its own.
    function fieldsOf(card) {
      return Array.from(card.querySelectorAll("input, select, textarea")).filter(function (field) {
        return !field.matches("[data-flag]");
      });
    }

    function formData(card) {
      const data = new FormData();
      data.append("question", card.dataset.question);
      fieldsOf(card).forEach(function (field) {
        if ((field.type === "radio" || field.type === "checkbox") && !field.checked) return;
        if (field.name) data.append(field.name, field.value);
      });
      return data;
    }

    function remember(card, body) {
      card.querySelector("[data-version]").value = body.version;
      card.querySelector("[data-shown]").value = body.has_answer ? "1" : "";
      navShows(card, { answered: body.has_answer });
    }

    function notice(card, text) {
      const box = card.querySelector("[data-conflict]");
      if (!box) return;
      box.textContent = text;
      box.hidden = !text;
    }

    // Another device saved a newer answer: show it in place of this page's.
    function replaceAnswer(card, body) {
      clearTimeout(waiting.get(card));
      waiting.delete(card);
      again.delete(card);
      const values = body.fields || {};
      fieldsOf(card).forEach(function (field) {
        if (!field.name || field.type === "hidden") return;  // versions are set by remember()
        const value = Object.prototype.hasOwnProperty.call(values, field.name) ? values[field.name] : "";
        if (field.type === "radio" || field.type === "checkbox") {
          field.checked = [].concat(value).includes(field.value);
        } else {
          field.value = value;
        }
      });
      remember(card, body);
      card.dispatchEvent(new CustomEvent("answers:replaced", { bubbles: true }));
      notice(card, body.error);
    }

    function isSignInPage(response) {
      return response.redirected && loginPath && new URL(response.url).pathname === loginPath;
    }

    function retryLater(card) {
      const entry = retries.get(card) || { timer: null, tries: 0 };
      clearTimeout(entry.timer);
      entry.tries += 1;
      // 1 s, 2 s, 4 s ... up to 30 s, with a little jitter so a class does not retry in step.
      const delay = Math.min(30000, 1000 * 2 ** (entry.tries - 1)) * (0.8 + Math.random() * 0.4);
      entry.timer = setTimeout(function () { save(card); }, delay);
      retries.set(card, entry);
    }

    async function send(card) {
      let response;
      try {
        response = await fetch(form.dataset.autosave, {
          method: "POST",
          body: formData(card),
          headers: { "X-CSRFToken": csrf, Accept: "application/json" },
          credentials: "same-origin",
          keepalive: true, // lets a save started as the page closes finish
        });
      } catch (error) {
        return { retry: true }; // no connection
      }
      const isJson = (response.headers.get("Content-Type") || "").includes("application/json");
      if (isSignInPage(response) || (!isJson && (response.status === 401 || response.status === 403))) {
        return { signedOut: true };
      }
      if (!isJson) return { retry: true }; // a server error page, a proxy's timeout page
      let body;
      try {
        body = await response.json();
      } catch (error) {
        return { retry: true };
      }
      if (response.ok) return { saved: body };
      if (response.status === 409 && body.conflict) return { conflict: body };
      if (response.status >= 500) return { retry: true };
      return { refused: body.error || "please try again." };
    }

    // One save at a time per question: a change while one is on its way is sent after it, with
    // the version the first one got back.
    async function save(card) {
      clearTimeout(waiting.get(card));
      waiting.delete(card);
      if (inFlight.has(card)) {
        again.add(card);
        return;
      }
      const retry = retries.get(card);
      if (retry) clearTimeout(retry.timer);
      inFlight.add(card);
      settle();
      const outcome = await send(card);
      inFlight.delete(card);
      if (outcome.retry) {
        retryLater(card);
      } else {
        retries.delete(card);
      }
      signedOut = Boolean(outcome.signedOut);
      if (outcome.saved) {
        refusal = "";
        remember(card, outcome.saved);
        notice(card, "");
        progressShows(outcome.saved);
      } else if (outcome.conflict) {
        refusal = "";
        replaceAnswer(card, outcome.conflict);
      } else if (outcome.refused) {
        refusal = outcome.refused; // sending the same answer again would be refused again
      }
      if (again.delete(card) && !outcome.signedOut) save(card);
      settle();
    }

    async function saveFlag(card, box, tries) {
      const data = new FormData();
      data.append("question", card.dataset.question);
      data.append("flagged", box.checked ? "1" : "");
      navShows(card, { flagged: box.checked });
      try {
        const response = await fetch(form.dataset.flagUrl, {
          method: "POST",
          body: data,
          headers: { "X-CSRFToken": csrf, Accept: "application/json" },
          credentials: "same-origin",
          keepalive: true,
        });
        if (response.status >= 500) throw new Error("server error");
      } catch (error) {
        const tried = (tries || 0) + 1;
        if (tried < 6) setTimeout(function () { saveFlag(card, box, tried); }, 1000 * 2 ** tried);
      }
    }

    function progressShows(body) {
      if (answered) answered.textContent = body.answered;
      if (progress) {
        progress.setAttribute("aria-valuenow", body.answered);
        progress.firstElementChild.style.width = (100 * body.answered / body.total) + "%";
      }
    }

    form.addEventListener("input", function (event) {
      const card = event.target.closest("[data-question]");
      if (!card) return;
      if (event.target.matches("[data-flag]")) {
        saveFlag(card, event.target);
        return;
      }
      clearTimeout(waiting.get(card));
      // Typing waits for a pause, and so does a list being reordered; choices save at once.
      let delay = 0;
      if (event.target.type === "text") delay = 600;
      else if (event.target.closest("[data-ordering-fields]")) delay = 400;
      waiting.set(card, setTimeout(function () { save(card); }, delay));
      settle();
    });
    // Back online: send what is waiting for a retry now rather than at its next turn.
    window.addEventListener("online", function () {
      retries.forEach(function (entry, card) { save(card); });
    });
    form.addEventListener("submit", function () { submitting = true; });
    // Leaving the page (a question number, the back button) before a pause still saves the answer.
    window.addEventListener("pagehide", function () {
      waiting.forEach(function (timer, card) { save(card); });
    });
    // Closing the page while an answer has not reached the server: ask first. Next, Back and
    // Finish post the page's answers themselves, so they go without asking.
    window.addEventListener("beforeunload", function (event) {
      if (submitting || !(retries.size || inFlight.size)) return;
      event.preventDefault();
      event.returnValue = "";
    });
    show("Answers save as you go", "idle");
    // An answer given before this script ran (a quick tap while a slow connection was still
    // loading it) sent no event: save it now.
    cards.filter(changedSinceLoad).forEach(save);
  }

  function changedSinceLoad(card) {
    return Array.from(card.querySelectorAll("input, select, textarea")).some(function (field) {
      if (field.type === "hidden" || field.matches("[data-flag]")) return false;
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
