// Canvassing with or without signal: every tap is kept on the phone with an id made here,
// then sent in batches; the server stores each id once, so resending is always safe.
//
// One phone may be shared: each account's records are kept under its own key and sent only
// while that account is signed in. Records not yet sent when someone signs out stay on the
// phone for that account alone (the doors were knocked; nobody should have to knock them
// again), and the sign-out button first says how many there are. A record the server refuses
// (403: not on your walk lists; 422: a bad record) is set aside and shown, never resent;
// no signal, a 5xx or a busy server means "try again later".
(function () {
  "use strict";
  var root = document.getElementById("field-sync");
  if (!root) { return; }
  var PREFIX = "hustings-field/";
  var QUEUE = PREFIX + "queue/" + root.getAttribute("data-user");
  var ASIDE = PREFIX + "refused/" + root.getAttribute("data-user");
  var LEGACY = "hustings-field-queue";
  var BATCH = 500;
  var csrf = root.getAttribute("data-csrf") || "";
  var statusLine = document.getElementById("sync-status");
  var refusedBox = document.getElementById("not-accepted");
  var doors = document.getElementById("doors");
  var quiet = root.hasAttribute("data-quiet");
  var limit = BATCH;
  var sending = false;
  var signedOut = false;

  function load(key) {
    try { return JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { return []; }
  }
  function save(key, list) {
    if (list.length) { localStorage.setItem(key, JSON.stringify(list)); } else { localStorage.removeItem(key); }
  }
  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = new Uint8Array(16); crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function records(n) { return n + (n === 1 ? " record" : " records"); }
  function show(text) { statusLine.textContent = text; }

  function describe(extra) {
    var n = load(QUEUE).length;
    var refused = load(ASIDE).length;
    var text = n === 0 ? "All records sent." : records(n) + " waiting to send.";
    if (refused) { text += " " + records(refused) + " not accepted: see below."; }
    show(extra ? text + " " + extra : text);
    root.hidden = quiet && n === 0 && refused === 0;
  }

  function doorsOf(household) {
    if (!doors) { return []; }
    return Array.prototype.filter.call(doors.querySelectorAll(".door"), function (d) {
      return d.getAttribute("data-household") === household;
    });
  }
  function label(outcome) {
    var button = document.querySelector("button[data-outcome='" + outcome + "']");
    return button ? button.textContent : String(outcome);
  }

  function showRefused() {
    var refused = load(ASIDE);
    var list = refusedBox.querySelector("ul");
    list.textContent = "";
    refused.forEach(function (r) {
      var item = document.createElement("li");
      var when = new Date(r.at);
      var time = isNaN(when) ? String(r.at) : when.toLocaleString("en-GB", { dateStyle: "short", timeStyle: "short" });
      item.textContent = r.household + ", " + label(r.outcome) + ", " + time + ": not accepted: " + r.reason;
      list.appendChild(item);
      doorsOf(r.household).forEach(function (d) { d.querySelector(".done").textContent = "not accepted"; });
    });
    refusedBox.hidden = refused.length === 0;
  }

  function setAside(culprits, reason) {
    var gone = {};
    culprits.forEach(function (r) { gone[r.id] = true; });
    save(QUEUE, load(QUEUE).filter(function (r) { return !gone[r.id]; }));
    save(ASIDE, load(ASIDE).concat(culprits.map(function (r) {
      return { id: r.id, household: r.household, outcome: r.outcome, at: r.at, reason: reason };
    })));
    showRefused();
  }

  // The server names the culprit of a refused batch (by index, id, household or the
  // validation path "body.N...."); without a name, the batch is resent one record at a time.
  function culpritsOf(batch, error) {
    var details = error.details || {};
    if (typeof details.index === "number" && batch[details.index]) { return [batch[details.index]]; }
    var key = details.id ? "id" : (details.household ? "household" : null);
    if (key) {
      var named = batch.filter(function (r) { return r[key] === details[key]; });
      if (named.length) { return named; }
    }
    var where = /^body\.(\d+)(\.|$)/.exec(String((details.problems || [])[0] || "").split(":")[0]);
    if (where && batch[Number(where[1])]) { return [batch[Number(where[1])]]; }
    return batch.length === 1 ? batch : [];
  }

  function refuse(batch, status, body) {
    var error = (body && body.error) || {};
    var culprits = culpritsOf(batch, error);
    if (!culprits.length) { limit = 1; return; }
    setAside(culprits, error.message || "the server answered " + status);
  }

  function send() {
    var queue = load(QUEUE);
    if (sending || signedOut || queue.length === 0) { if (!signedOut) { describe(); } return; }
    sending = true;
    var batch = queue.slice(0, limit);
    fetch("/api/v1/field/contacts", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(batch.map(function (r) {
        return { id: r.id, household: r.household, outcome: r.outcome, at: r.at };
      }))
    }).then(function (answer) {
      if (answer.ok) {
        var sent = {};
        batch.forEach(function (r) { sent[r.id] = true; });
        save(QUEUE, load(QUEUE).filter(function (r) { return !sent[r.id]; }));
        if (!load(QUEUE).length) { limit = BATCH; }
        describe();
        return true;
      }
      if (answer.status === 401) {
        signedOut = true;
        show("Your session has ended: sign in again; " + records(load(QUEUE).length) +
             " are kept on this phone for your account only.");
        return false;
      }
      if (answer.status === 403 || answer.status === 422) {
        return answer.json().catch(function () { return {}; }).then(function (body) {
          refuse(batch, answer.status, body);
          describe();
          return true;
        });
      }
      describe("The server could not take them just now (" + answer.status + "): trying again shortly.");
      return false;
    }, function () {
      describe("No signal: they will be sent when it returns.");
      return false;
    }).then(function (again) {
      sending = false;
      if (again && load(QUEUE).length) { setTimeout(send, 0); }
    });
  }

  function warnBeforeSignOut(form) {
    var warned = false;
    var note = document.createElement("p");
    note.id = "signout-warning";
    note.setAttribute("role", "alert");
    note.hidden = true;
    form.appendChild(note);
    form.addEventListener("submit", function (event) {
      var n = load(QUEUE).length;
      if (warned || n === 0) { return; }
      event.preventDefault();
      warned = true;
      note.textContent = records(n) + " not sent yet. Press Send now where there is signal. " +
        "If you sign out now they stay on this phone for your account only and are sent " +
        "when you next sign in here. Press Sign out again to sign out.";
      note.hidden = false;
    });
  }

  function noteOtherAccounts() {
    var others = 0;
    for (var i = 0; i < localStorage.length; i++) {
      var key = localStorage.key(i);
      if (key && key.indexOf(PREFIX + "queue/") === 0 && key !== QUEUE) { others += load(key).length; }
    }
    var line = document.getElementById("other-accounts");
    line.textContent = others ? records(others) + " of another account are kept on this phone " +
      "until that account signs in here again; they are not sent with yours." : "";
    line.hidden = others === 0;
  }

  // Records kept by an earlier version of this page have no account: never send them under
  // whoever signs in next.
  if (localStorage.getItem(LEGACY) !== null) {
    setAside(load(LEGACY), "recorded before this phone kept each account's records apart, so " +
      "it is not known whose they are: tell your organiser");
    localStorage.removeItem(LEGACY);
  }

  if (doors) {
    doors.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-outcome]");
      if (!button) { return; }
      var door = button.closest(".door");
      var queue = load(QUEUE);
      queue.push({
        id: uuid(),
        household: door.getAttribute("data-household"),
        outcome: button.getAttribute("data-outcome"),
        at: new Date().toISOString()
      });
      save(QUEUE, queue);
      door.querySelector(".done").textContent = button.textContent;
      door.classList.add("recorded");
      describe();
      send();
    });
  }
  document.getElementById("sync-now").addEventListener("click", function () {
    signedOut = false;
    send();
  });
  document.getElementById("clear-refused").addEventListener("click", function () {
    save(ASIDE, []);
    showRefused();
    describe();
  });
  Array.prototype.forEach.call(document.querySelectorAll("form[action='/logout']"), warnBeforeSignOut);
  window.addEventListener("online", send);
  setInterval(send, 15000);
  noteOtherAccounts();
  showRefused();
  describe();
  send();
})();
