/* Xarxa: small progressive enhancements. Pages work without this file. */
(function () {
  "use strict";
  var body = document.body;

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // htmx requests carry the CSRF token like ordinary forms do.
  body.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRFToken"] = csrfToken();
  });

  // Put keyboard focus on the error summary so screen-reader users hear it first.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  // --- Session expiry: warn before it happens; never lose what was typed.
  var idle = parseInt(body.dataset.sessionIdle || "0", 10);
  if (!idle) { return; }
  var warnBefore = parseInt(body.dataset.sessionWarning || "120", 10);
  var keepAliveUrl = body.dataset.keepAliveUrl;
  var warning = document.getElementById("session-warning");
  var ended = document.getElementById("session-ended");
  var remaining = warning.querySelector(".session-remaining");
  var storageKey = "xarxa-draft:" + location.pathname;
  var deadline, warnTimer, endTimer, tick;

  function saveDrafts() {
    var drafts = [];
    document.querySelectorAll("main form").forEach(function (form, index) {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || el.type === "hidden" || el.type === "password" || el.type === "file") { return; }
        var value = (el.type === "checkbox" || el.type === "radio") ? el.checked : el.value;
        drafts.push([index, el.name, el.type, el.value, value]);
      });
    });
    try { sessionStorage.setItem(storageKey, JSON.stringify(drafts)); } catch (e) { /* storage full */ }
  }

  function restoreDrafts() {
    var raw = sessionStorage.getItem(storageKey);
    if (!raw) { return; }
    sessionStorage.removeItem(storageKey);
    var forms = document.querySelectorAll("main form");
    JSON.parse(raw).forEach(function (d) {
      var form = forms[d[0]];
      if (!form) { return; }
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name !== d[1]) { return; }
        if (el.type === "checkbox" || el.type === "radio") {
          if (el.value === d[3]) { el.checked = d[4]; }
        } else { el.value = d[4]; }
      });
    });
  }

  function schedule() {
    clearTimeout(warnTimer); clearTimeout(endTimer); clearInterval(tick);
    deadline = Date.now() + idle * 1000;
    warnTimer = setTimeout(showWarning, Math.max(0, (idle - warnBefore) * 1000));
    endTimer = setTimeout(showEnded, idle * 1000);
  }

  function showRemaining() {
    var seconds = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    remaining.textContent = remaining.dataset.template
      ? remaining.dataset.template.replace("%s", seconds) : seconds + " s";
  }

  function showWarning() {
    showRemaining();
    tick = setInterval(showRemaining, 1000);
    if (!warning.open) { warning.showModal(); }
  }

  function showEnded() {
    clearInterval(tick);
    saveDrafts();
    if (warning.open) { warning.close(); }
    if (!ended.open) { ended.showModal(); }
  }

  function keepAlive() {
    fetch(keepAliveUrl, {
      method: "POST", credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch" }
    }).then(function (response) {
      if (response.ok && response.headers.get("Content-Type").indexOf("json") !== -1) {
        if (warning.open) { warning.close(); }
        if (ended.open) { ended.close(); }
        sessionStorage.removeItem(storageKey);
        schedule();
      } else {
        showEnded();
      }
    }).catch(showEnded);
  }

  document.querySelectorAll("[data-action=keep-alive]").forEach(function (button) {
    button.addEventListener("click", keepAlive);
  });
  // The server renews the session at most once a minute and says when it really ends.
  body.addEventListener("htmx:afterRequest", function (event) {
    var left = parseInt(event.detail.xhr.getResponseHeader("X-Session-Expires-In") || "", 10);
    if (!isNaN(left)) { idle = left; }
    schedule();
  });
  restoreDrafts();
  schedule();
}());
