// Canvassing with or without signal: every tap is kept on the phone with an id made here,
// then sent in batches; the server stores each id once, so resending is always safe.
(function () {
  "use strict";
  var doors = document.getElementById("doors");
  if (!doors) { return; }
  var KEY = "hustings-field-queue";
  var csrf = doors.getAttribute("data-csrf") || "";
  var statusLine = document.getElementById("sync-status");
  var sending = false;

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function save(queue) { localStorage.setItem(KEY, JSON.stringify(queue)); }
  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = new Uint8Array(16); crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function show(text) { statusLine.textContent = text; }
  function describe() {
    var n = load().length;
    show(n === 0 ? "All records sent." : n + (n === 1 ? " record" : " records") + " waiting to send.");
  }

  function send() {
    var queue = load();
    if (sending || queue.length === 0) { describe(); return; }
    sending = true;
    var batch = queue.slice(0, 500);
    fetch("/api/v1/field/contacts", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(batch)
    }).then(function (answer) {
      if (answer.ok) {
        var sent = {};
        batch.forEach(function (r) { sent[r.id] = true; });
        save(load().filter(function (r) { return !sent[r.id]; }));
        describe();
        if (load().length) { setTimeout(send, 0); }
      } else if (answer.status === 401) {
        show("Your session has ended: sign in again; " + load().length + " records are kept on this phone.");
      } else {
        return answer.json().then(function (body) {
          show("Not accepted: " + ((body.error && body.error.message) || answer.status) + ".");
        });
      }
    }).catch(function () {
      describe();
      show(statusLine.textContent + " No signal: they will be sent when it returns.");
    }).then(function () { sending = false; });
  }

  doors.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-outcome]");
    if (!button) { return; }
    var door = button.closest(".door");
    var queue = load();
    queue.push({
      id: uuid(),
      household: door.getAttribute("data-household"),
      outcome: button.getAttribute("data-outcome"),
      at: new Date().toISOString()
    });
    save(queue);
    door.querySelector(".done").textContent = button.textContent;
    door.classList.add("recorded");
    describe();
    send();
  });
  document.getElementById("sync-now").addEventListener("click", send);
  window.addEventListener("online", send);
  setInterval(send, 15000);
  describe();
  send();
})();
