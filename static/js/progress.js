// The progress of a background job (the accounts of a class list): polls its JSON status and
// goes to the next page when it is done. The page itself says where to poll.
(() => {
  const box = document.querySelector("[data-batch-status]");
  if (!box) return;
  const bar = box.querySelector("progress");
  const count = box.querySelector("[data-batch-count]");
  const problem = box.querySelector("[data-batch-problem]");
  let delay = 700;

  async function poll() {
    try {
      const response = await fetch(box.dataset.batchStatus, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const status = await response.json();
        bar.max = status.total;
        bar.value = status.done;
        count.textContent = `${status.done} of ${status.total} ready`;
        if (status.status === "done" || status.status === "failed") {
          window.location.assign(status.next);
          return;
        }
      }
    } catch (error) {
      problem.textContent = "Lost touch with the server: still trying.";
      problem.classList.remove("d-none");
    }
    delay = Math.min(delay * 1.3, 3000);
    window.setTimeout(poll, delay);
  }
  window.setTimeout(poll, delay);
})();
