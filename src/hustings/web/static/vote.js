// The emailed link carries the voting code after '#', which browsers never send to the
// server: put it in the form, then drop it from the address bar and history.
(function () {
  var match = /[#&]code=([A-Za-z0-9-]+)/.exec(window.location.hash);
  var field = document.getElementById("code");
  if (match && field) {
    field.value = match[1];
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }
})();
