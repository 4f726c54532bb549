// hustings: small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  function seatInfo() {
    var info = document.getElementById("seatinfo");
    document.querySelectorAll("svg.hexmap").forEach(function (svg) {
      function show(ev) {
        var a = ev.target.closest("a[data-gss]");
        if (a && info) info.textContent = a.getAttribute("aria-label");
      }
      svg.addEventListener("mouseover", show);
      svg.addEventListener("focusin", show);
    });
  }

  function partyName(code) {
    var row = document.querySelector('#totals tr[data-party="' + code + '"] th');
    return row ? row.textContent.trim() : code;
  }

  function swingometer() {
    var form = document.getElementById("swing");
    if (!form) return;
    var status = document.getElementById("status");
    var timer = null;
    var serial = 0;

    function shares() {
      var out = [];
      form.querySelectorAll('input[type=number][data-party]').forEach(function (n) {
        out.push(n.dataset.party + "=" + Number(n.value || 0).toFixed(1));
      });
      return out;
    }

    function extra(name) {
      var el = form.elements[name];
      return el && el.value.trim() ? "&" + name + "=" + encodeURIComponent(el.value.trim()) : "";
    }

    function update() {
      var mine = ++serial;
      var base = form.elements.base.value, model = form.elements.model.value;
      var list = shares();
      var nations = extra("scotland") + extra("wales");
      var url = "/api/v1/project?base=" + encodeURIComponent(base) + "&model=" +
        encodeURIComponent(model) + "&shares=" + encodeURIComponent(list.join(",")) +
        "&detail=false" + nations;
      status.textContent = "Projecting…";
      fetch(url).then(function (r) {
        return r.json().then(function (body) { return { ok: r.ok, body: body }; });
      }).then(function (res) {
        if (mine !== serial) return;
        if (!res.ok) {
          var e = res.body.error || {};
          status.textContent = (e.message || "error") + (e.hint ? " — " + e.hint : "");
          return;
        }
        apply(res.body);
        var query = "base=" + encodeURIComponent(base) + "&model=" + encodeURIComponent(model) +
          "&" + list.join("&") + nations;
        history.replaceState(null, "", "/swingometer?" + query);
        ranges(url + "&sims=500", mine);
      }).catch(function () { status.textContent = "The projection could not be fetched."; });
    }

    // Seat ranges and the chance of a majority come from a second, simulated projection.
    function ranges(url, mine) {
      fetch(url).then(function (r) { return r.ok ? r.json() : null; }).then(function (body) {
        if (!body || mine !== serial) return;
        var interval = body.seats_interval || {};
        document.querySelectorAll("#totals tbody tr[data-party]").forEach(function (tr) {
          var cell = tr.querySelector(".range"), v = interval[tr.dataset.party];
          if (cell) cell.textContent = v ? v[0] + "–" + v[1] : "0";
        });
        var chance = document.getElementById("chance");
        var majority = body.majority_probability || {};
        var best = Object.keys(majority).sort(function (a, b) { return majority[b] - majority[a]; })[0];
        if (chance && best) {
          chance.textContent = "Chance of a " + partyName(best) + " majority: " +
            Math.round(100 * majority[best]) + "% (" + body.sims + " simulations).";
        }
      }).catch(function () { /* the ranges are extra; the projection stands without them */ });
    }

    function readout(seats, line) {
      var order = Object.keys(seats).filter(function (p) { return seats[p] > 0; })
        .sort(function (a, b) { return seats[b] - seats[a]; });
      var verdict = document.getElementById("verdict");
      if (verdict && order.length) {
        var top = order[0], n = seats[top];
        verdict.firstElementChild.textContent = n >= line
          ? partyName(top) + " majority of " + (2 * n - 650) + " (" + n + " seats; " + line + " needed)."
          : "Hung parliament: " + partyName(top) + " largest with " + n + " seats, " +
            (line - n) + " short of " + line + ".";
      }
      var svg = document.querySelector("#readout svg.majority");
      if (!svg) return;
      svg.querySelectorAll("rect").forEach(function (r) { r.remove(); });
      var x = 0, marker = svg.querySelector("line");
      order.forEach(function (p) {
        var r = document.createElementNS("http://www.w3.org/2000/svg", "rect");
        r.setAttribute("class", "p-" + p);
        r.setAttribute("x", x); r.setAttribute("y", 2);
        r.setAttribute("width", seats[p]); r.setAttribute("height", 16);
        svg.insertBefore(r, marker);
        x += seats[p];
      });
    }

    function apply(body) {
      var winners = body.winners_by_gss || {};
      document.querySelectorAll("svg.hexmap a[data-gss]").forEach(function (a) {
        var p = winners[a.dataset.gss];
        var path = a.firstElementChild;
        path.setAttribute("class", "hx p-" + (p || "none"));
        var name = a.getAttribute("aria-label").split(":")[0];
        var label = name + ": " + (p ? partyName(p) : "not projected");
        a.setAttribute("aria-label", label);
        if (path.firstElementChild) path.firstElementChild.textContent = label;
      });
      var seats = body.seats || {};
      var base = body.base_seats || {};
      document.querySelectorAll("#totals tbody tr[data-party]").forEach(function (tr) {
        var p = tr.dataset.party, n = seats[p] || 0, d = n - (base[p] || 0);
        tr.querySelector(".seats").textContent = n;
        var change = tr.querySelector(".change");
        if (change) change.textContent = d > 0 ? "+" + d : (d < 0 ? "−" + (-d) : "0");
        var range = tr.querySelector(".range");
        if (range) range.textContent = "…";
      });
      readout(seats, body.majority || 326);
      var summary = Object.keys(seats).filter(function (p) { return seats[p] > 0; })
        .sort(function (a, b) { return seats[b] - seats[a]; })
        .map(function (p) { return partyName(p) + " " + seats[p]; });
      status.textContent = "Projected seats: " + summary.join(", ");
    }

    function numbers() {
      return Array.prototype.slice.call(form.querySelectorAll("input[type=number][data-party]"));
    }
    var current = {};
    numbers().forEach(function (n) { current[n.dataset.party] = Number(n.value) || 0; });

    // A party standing in one nation cannot pass that nation's part of the GB vote (unless the
    // nation has its own shares); what it cannot take goes to others.
    function cap(code) {
      var n = document.getElementById("n-" + code);
      var own = { SNP: "scotland", PC: "wales" }[code];
      if (own && form.elements[own] && form.elements[own].value.trim()) return 100;
      return n && n.dataset.max ? Number(n.dataset.max) : 100;
    }

    function locked(code) {
      var box = document.getElementById("lock-" + code);
      return !!(box && box.checked);
    }

    // Moving one party takes the difference from everyone not locked, others included, in
    // proportion to their shares, so the shares always add up to 100 and always project.
    function rebalance(code, wanted) {
      var codes = Object.keys(current);
      var fixed = 0;
      codes.forEach(function (c) { if (c !== code && locked(c)) fixed += current[c]; });
      var value = Math.min(Math.max(Number(wanted) || 0, 0), 100 - fixed, cap(code));
      var free = codes.filter(function (c) { return c !== code && !locked(c); });
      var others = Math.max(0, 100 - codes.reduce(function (t, c) { return t + current[c]; }, 0));
      var pool = others + free.reduce(function (t, c) { return t + current[c]; }, 0);
      var rest = 100 - fixed - value;
      free.forEach(function (c) {
        var v = pool > 0 ? Math.floor(10 * current[c] * rest / pool) / 10 : 0;
        current[c] = Math.min(v, cap(c));
      });
      current[code] = Math.round(10 * value) / 10;
    }

    function show() {
      var total = 0;
      numbers().forEach(function (n) {
        var code = n.dataset.party, v = current[code];
        total += v;
        n.value = v.toFixed(1);
        var range = document.getElementById("r-" + code);
        if (range) range.value = v;
        var row = document.querySelector('#totals tr[data-party="' + code + '"]');
        if (row) {
          row.querySelector(".share").textContent = v.toFixed(1) + "%";
          row.querySelector(".bar").style.width = v + "%";
        }
      });
      var others = document.getElementById("others");
      if (others) others.textContent = Math.max(0, 100 - total).toFixed(1);
    }

    function sync(ev) {
      var input = ev.target;
      if (!input.dataset || !input.dataset.party) return;
      if (input.type === "number" && input.value === "") return;
      rebalance(input.dataset.party, input.value);
      show();
      clearTimeout(timer);
      timer = setTimeout(update, 120);
    }
    // The two-party control moves points from one party to another, starting from the shares
    // as they were when the control was last at zero.
    var anchor = null;
    var points = document.getElementById("swing-points");
    function twoParty() {
      var from = document.getElementById("swing-from").value;
      var to = document.getElementById("swing-to").value;
      if (!anchor) anchor = JSON.parse(JSON.stringify(current));
      var x = Number(points.value);
      if (from === to) return;
      var moved = x >= 0 ? Math.max(0, Math.min(x, anchor[from], cap(to) - anchor[to]))
        : -Math.max(0, Math.min(-x, anchor[to], cap(from) - anchor[from]));
      Object.keys(anchor).forEach(function (c) { current[c] = anchor[c]; });
      current[from] = Math.round(10 * (anchor[from] - moved)) / 10;
      current[to] = Math.round(10 * (anchor[to] + moved)) / 10;
      document.getElementById("swing-out").textContent = x.toFixed(1);
      show();
      clearTimeout(timer);
      timer = setTimeout(update, 120);
    }
    if (points) {
      points.addEventListener("input", function (ev) { ev.stopPropagation(); twoParty(); });
      ["swing-from", "swing-to"].forEach(function (id) {
        document.getElementById(id).addEventListener("change", function (ev) {
          ev.stopPropagation();
          anchor = null;
          points.value = 0;
          document.getElementById("swing-out").textContent = "0.0";
        });
      });
    }

    form.addEventListener("input", function (ev) {
      if (ev.target.dataset && ev.target.dataset.party) anchor = null;
      sync(ev);
    });
    form.addEventListener("change", function (ev) {
      if (ev.target.id === "base") { form.submit(); return; }
      if (ev.target.id === "scotland" || ev.target.id === "wales") {
        clearTimeout(timer); timer = setTimeout(update, 10); return;
      }
      if (ev.target.tagName === "SELECT") { clearTimeout(timer); timer = setTimeout(update, 10); }
    });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); update(); });
  }

  function sortable() {
    document.querySelectorAll("table.sortable").forEach(function (table) {
      table.querySelectorAll("th[data-key]").forEach(function (th, index) {
        var button = document.createElement("button");
        button.className = "sort";
        button.type = "button";
        button.textContent = th.textContent;
        th.textContent = "";
        th.appendChild(button);
        button.addEventListener("click", function () {
          var asc = th.getAttribute("aria-sort") !== "ascending";
          table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", asc ? "ascending" : "descending");
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          var numeric = th.dataset.type === "num";
          rows.sort(function (a, b) {
            var x = a.cells[index].dataset.v || a.cells[index].textContent;
            var y = b.cells[index].dataset.v || b.cells[index].textContent;
            var c = numeric ? (Number(x) - Number(y)) : x.localeCompare(y);
            return asc ? c : -c;
          });
          rows.forEach(function (r) { body.appendChild(r); });
        });
      });
    });
  }

  function typeahead() {
    var input = document.getElementById("seat-q");
    var list = document.getElementById("seat-suggest");
    if (!input || !list) return;
    var link = list.getAttribute("data-link");
    var timer = null;
    var serial = 0;
    input.setAttribute("aria-controls", "seat-suggest");

    function href(gss) {
      return link ? link + gss : "/tactical?seat=" + encodeURIComponent(gss);
    }

    function show(items) {
      list.innerHTML = "";
      items.slice(0, 8).forEach(function (item) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = href(item.gss);
        a.textContent = item.text;
        li.appendChild(a);
        list.appendChild(li);
      });
    }

    // Something with a digit in it is read as a postcode, sector or district; anything else
    // as part of a seat's name.
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { list.innerHTML = ""; return; }
      var mine = ++serial;
      timer = setTimeout(function () {
        var postcode = /\d/.test(q) && /^[A-Za-z]{1,2}\d/.test(q);
        var url = postcode ? "/api/v1/postcodes/" + encodeURIComponent(q)
          : "/api/v1/seats?boundary_set=2024&q=" + encodeURIComponent(q);
        fetch(url).then(function (r) { return r.ok ? r.json() : null; }).then(function (body) {
          if (mine !== serial) return;
          if (!body) { list.innerHTML = ""; return; }
          if (postcode) {
            show((body.seats || []).map(function (s) {
              var share = body.seats.length > 1 ? " — " + Math.round(100 * s.share) + "%" : "";
              return { gss: s.gss, text: s.name + share };
            }));
          } else {
            show((Array.isArray(body) ? body : []).map(function (s) {
              return { gss: s.gss, text: s.name + " (" + s.region + ")" };
            }));
          }
        }).catch(function () { list.innerHTML = ""; });
      }, 120);
    });
  }

  seatInfo();
  swingometer();
  sortable();
  typeahead();
})();
