// Ordering questions: put the events in order by dragging them (mouse or touch screen), with
// each event's ↑/↓ buttons, or from the keyboard (Alt+↑ / Alt+↓ on a focused event).
// The page holds one <select> per place, which work without JavaScript. This list hides them and
// writes its order into them, so the form and autosave send exactly what the selects would.
(function () {
  "use strict";

  document.querySelectorAll("[data-ordering-question]").forEach(enhance);

  function enhance(question) {
    const hint = question.querySelector("[data-ordering-hint]");
    const fields = question.querySelector("[data-ordering-fields]");
    const selects = Array.from(fields.querySelectorAll("select"));
    if (!selects.length) return;
    const shown = Array.from(selects[0].options, function (option) { return option.value; })
      .filter(Boolean);
    const saved = [];
    selects.forEach(function (select) {
      if (shown.includes(select.value) && !saved.includes(select.value)) saved.push(select.value);
    });
    // The saved order first; anything not placed yet follows in the order the page shows it.
    const order = saved.concat(shown.filter(function (value) { return !saved.includes(value); }));

    const list = document.createElement("ol");
    list.className = "ordering-list";
    list.dataset.ordering = question.dataset.orderingQuestion;
    list.setAttribute("aria-describedby", hint.id);
    order.forEach(function (value) { list.append(itemFor(value)); });
    const live = document.createElement("p");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    live.dataset.orderingStatus = "";
    hint.textContent = "Drag an event by its handle, or use its ↑ and ↓ buttons " +
      "(on a keyboard: Alt+↑ and Alt+↓).";
    fields.hidden = true;
    hint.after(list, live);

    // Until the student moves something the question is unanswered, as with blank selects;
    // if the order shown is already their answer they say so.
    let keep = null;
    if (saved.length) {
      write(); // a partly chosen answer from the selects: the list shows it whole
    } else {
      keep = document.createElement("button");
      keep.type = "button";
      keep.className = "btn btn-outline-primary ordering-keep";
      keep.dataset.orderingKeep = "";
      keep.textContent = "Keep this order";
      keep.addEventListener("click", function () {
        changed(null);
        list.firstElementChild.focus();
      });
      live.after(keep);
    }
    refresh();

    // Autosave put another device's newer answer into the selects: show the list in its order.
    question.closest("[data-question]")?.addEventListener("answers:replaced", function () {
      const placed = selects.map(function (select) { return select.value; }).filter(Boolean);
      placed.forEach(function (value) {
        const item = items().find(function (other) { return other.dataset.value === value; });
        if (item) list.append(item);
      });
      items().filter(function (item) { return !placed.includes(item.dataset.value); })
        .forEach(function (item) { list.append(item); });
      refresh();
    });

    function items() {
      return Array.from(list.children);
    }

    function refresh() {
      const all = items();
      all.forEach(function (item, index) {
        item.querySelector(".ordering-position").textContent = index + 1;
        item.querySelector("[data-move='-1']").setAttribute("aria-disabled", index === 0);
        item.querySelector("[data-move='1']").setAttribute("aria-disabled", index === all.length - 1);
      });
    }

    function write() {
      items().forEach(function (item, index) {
        if (selects[index]) selects[index].value = item.dataset.value;
      });
    }

    function announce(text) {
      live.textContent = text;
    }

    function changed(item) {
      refresh();
      write();
      selects[0].dispatchEvent(new Event("input", { bubbles: true }));
      if (keep) {
        keep.remove();
        keep = null;
      }
      if (item) {
        const all = items();
        announce(item.dataset.value + " moved to position " + (all.indexOf(item) + 1) + " of " + all.length);
      } else {
        announce("Order kept");
      }
    }

    function step(item, delta) {
      const all = items();
      const neighbour = all[all.indexOf(item) + delta];
      if (!neighbour) {
        announce(item.dataset.value + " is already " + (delta < 0 ? "first" : "last"));
        return;
      }
      // Move the neighbour, not the item: the item (or its button) keeps the focus.
      if (delta < 0) item.after(neighbour);
      else item.before(neighbour);
      changed(item);
    }

    list.addEventListener("click", function (event) {
      const button = event.target.closest("[data-move]");
      if (button) step(button.closest(".ordering-item"), Number(button.dataset.move));
    });

    list.addEventListener("keydown", function (event) {
      if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
      const item = event.target.closest(".ordering-item");
      if (!item) return;
      event.preventDefault();
      step(item, event.key === "ArrowUp" ? -1 : 1);
    });

    // Dragging. A mouse drags the whole item with HTML5 drag and drop; a finger or pen drags the
    // handle with pointer events, so swiping elsewhere on the list still scrolls the page.
    let dragged = null;
    let startedBefore = null; // the item's next sibling when the drag began, to undo it
    let startedAt = -1;
    let touch = null; // the pointer id of a touch drag

    function startDrag(item) {
      dragged = item;
      startedBefore = item.nextElementSibling;
      startedAt = items().indexOf(item);
      item.classList.add("is-dragging");
    }

    function place(y) {
      const before = items().find(function (item) {
        if (item === dragged) return false;
        const box = item.getBoundingClientRect();
        return y < box.top + box.height / 2;
      }) || null;
      if (dragged.nextElementSibling !== before) {
        list.insertBefore(dragged, before);
        refresh();
      }
    }

    function endDrag(dropped) {
      const item = dragged;
      dragged = null;
      touch = null;
      item.classList.remove("is-dragging");
      item.draggable = false;
      if (!dropped) list.insertBefore(item, startedBefore);
      if (items().indexOf(item) !== startedAt) changed(item);
      else refresh();
    }

    list.addEventListener("pointerdown", function (event) {
      const item = event.target.closest(".ordering-item");
      if (!item || event.target.closest("button") || dragged) return;
      if (event.pointerType === "mouse") {
        item.draggable = true; // only for this press: see dragend
        return;
      }
      if (!event.target.closest(".ordering-handle")) return;
      event.preventDefault();
      touch = event.pointerId;
      startDrag(item);
      try {
        event.target.setPointerCapture(event.pointerId);
      } catch (error) {
        // A synthetic pointer cannot be captured; the list still gets its moves.
      }
    });
    list.addEventListener("pointerup", function (event) {
      if (event.pointerType === "mouse" && !dragged) {
        const item = event.target.closest(".ordering-item");
        if (item) item.draggable = false;
      }
      if (dragged && event.pointerId === touch) endDrag(true);
    });
    list.addEventListener("pointercancel", function (event) {
      if (dragged && event.pointerId === touch) endDrag(false);
    });
    list.addEventListener("pointermove", function (event) {
      if (!dragged || event.pointerId !== touch) return;
      event.preventDefault();
      place(event.clientY);
      // The handle stops the page scrolling, so scroll it when the finger nears an edge.
      if (event.clientY < 60) window.scrollBy(0, -12);
      else if (event.clientY > window.innerHeight - 60) window.scrollBy(0, 12);
    });

    list.addEventListener("dragstart", function (event) {
      const item = event.target.closest && event.target.closest(".ordering-item");
      if (!item) return;
      startDrag(item);
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", item.dataset.value);
    });
    list.addEventListener("dragover", function (event) {
      if (!dragged || touch !== null) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      place(event.clientY);
    });
    list.addEventListener("drop", function (event) {
      if (dragged) event.preventDefault();
    });
    list.addEventListener("dragend", function (event) {
      // Dropped outside the list, or Escape pressed: put it back.
      if (dragged) endDrag(event.dataTransfer.dropEffect !== "none");
    });
  }

  function itemFor(value) {
    const item = document.createElement("li");
    item.className = "ordering-item";
    item.tabIndex = 0;
    item.dataset.value = value;
    const handle = document.createElement("span");
    handle.className = "ordering-handle";
    handle.setAttribute("aria-hidden", "true");
    handle.title = "Drag to move";
    const position = document.createElement("span");
    position.className = "ordering-position";
    position.setAttribute("aria-hidden", "true");
    const text = document.createElement("span");
    text.className = "ordering-text";
    text.textContent = value;
    const buttons = document.createElement("span");
    buttons.className = "ordering-buttons";
    buttons.append(moveButton(value, -1), moveButton(value, 1));
    item.append(handle, position, text, buttons);
    return item;
  }

  function moveButton(value, delta) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-secondary";
    button.dataset.move = delta;
    button.textContent = delta < 0 ? "↑" : "↓";
    button.setAttribute("aria-label", "Move " + value + (delta < 0 ? " up" : " down"));
    return button;
  }
})();
