/*
 * HÖK-portalen: the outbox of a conference dialogue's attendee page.
 *
 * Progressive enhancement of the note form (templates/dialogues/attendee/page.html), which
 * works without this script. With it, a note is put in an outbox in localStorage under a
 * client key before it is sent, and is removed only when the server confirms it (201 stored,
 * or 200 already stored: the server stores a note once per client key). A dropped connection
 * shows a clear message; the note stays on the phone and is sent again with backoff, when the
 * browser comes back online, and when an attendee page is opened again.
 *
 * Notes the server has confirmed are listed under "Skickat från den här telefonen", from a
 * second localStorage entry (hok-notes-sent): the phone's own record, never sent anywhere, kept
 * for SENT_KEEP_DAYS and at most SENT_KEEP_COUNT per dialogue.
 *
 * Written for old phones: ES5, no build step. Where fetch, Promise or FormData is missing the
 * script does nothing and the form posts as usual. All texts come from data- attributes, so
 * Django translates them. No inline script, so it runs under the site's CSP.
 */
(function () {
    "use strict";

    var root = document.querySelector("[data-note-outbox]");
    if (!root || !window.fetch || !window.Promise || !window.FormData || !window.JSON) {
        return;
    }

    var STORAGE_KEY = "hok-note-outbox";
    var SENT_KEY = "hok-notes-sent";
    var SENT_KEEP_DAYS = 3;
    var SENT_KEEP_COUNT = 50;
    var SKIPPED_FIELDS = { csrfmiddlewaretoken: true, client_key: true };
    var MAX_DELAY_MS = 60000;
    var REQUEST_TIMEOUT_MS = 20000;

    var form = root.querySelector("[data-outbox-form]");
    var statusBox = root.querySelector("[data-outbox-status]");
    var listBox = root.querySelector("[data-outbox-list]");
    var list = listBox ? listBox.querySelector("ul") : null;
    var counter = root.querySelector("[data-outbox-counter]");
    var sentBox = root.querySelector("[data-sent-list]");
    var sentList = sentBox ? sentBox.querySelector("ol") : null;
    var textarea = form ? form.querySelector("textarea[name=text]") : null;
    var submitButton = form ? form.querySelector("[data-outbox-submit]") : null;
    var pageUrl = form ? form.getAttribute("action").split("#")[0] : window.location.pathname;
    var maxLength = parseInt(root.getAttribute("data-max-length"), 10) || 2000;

    var memoryOutbox = [];
    var sending = false;
    var retryTimer = null;
    var failures = 0;

    function msg(name) {
        return root.getAttribute("data-msg-" + name) || "";
    }

    function fill(template, values) {
        return template.replace(/\{(\w+)\}/g, function (whole, key) {
            return values.hasOwnProperty(key) ? values[key] : whole;
        });
    }

    function formatNumber(value) {
        // 2000 -> "2 000", as Swedish pages write numbers.
        return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
    }

    // --- the outbox in localStorage (in memory where storage is blocked) -----------------

    function load() {
        try {
            var stored = window.localStorage.getItem(STORAGE_KEY);
            var entries = stored ? JSON.parse(stored) : [];
            return Object.prototype.toString.call(entries) === "[object Array]" ? entries : [];
        } catch (error) {
            return memoryOutbox.slice();
        }
    }

    function save(entries) {
        memoryOutbox = entries.slice();
        try {
            window.localStorage.setItem(STORAGE_KEY, JSON.stringify(entries));
        } catch (error) {
            // Private mode or full storage: the note is kept in memory while the page is open.
        }
    }

    function update(key, changes) {
        var entries = load();
        for (var i = 0; i < entries.length; i++) {
            if (entries[i].key === key) {
                for (var name in changes) {
                    if (changes.hasOwnProperty(name)) {
                        entries[i][name] = changes[name];
                    }
                }
            }
        }
        save(entries);
    }

    function remove(key) {
        save(load().filter(function (entry) { return entry.key !== key; }));
    }

    // --- what this phone has sent (its own record; nothing of it goes to the server) -----

    function loadSent() {
        try {
            var stored = window.localStorage.getItem(SENT_KEY);
            var entries = stored ? JSON.parse(stored) : [];
            return Object.prototype.toString.call(entries) === "[object Array]" ? entries : [];
        } catch (error) {
            return [];
        }
    }

    function rememberSent(entry) {
        var oldest = new Date().getTime() - SENT_KEEP_DAYS * 24 * 3600 * 1000;
        var entries = loadSent().filter(function (sent) {
            return sent.at >= oldest && sent.key !== entry.key;
        });
        entries.push({ key: entry.key, url: entry.url, text: entry.text, at: new Date().getTime() });
        var mine = entries.filter(function (sent) { return sent.url === entry.url; });
        var others = entries.filter(function (sent) { return sent.url !== entry.url; });
        try {
            window.localStorage.setItem(
                SENT_KEY, JSON.stringify(others.concat(mine.slice(-SENT_KEEP_COUNT)))
            );
        } catch (error) {
            // Private mode or full storage: the list is simply not kept.
        }
    }

    function twoDigits(value) {
        return (value < 10 ? "0" : "") + value;
    }

    function renderSent() {
        if (!sentList) { return; }
        var entries = loadSent().filter(function (sent) { return sent.url === pageUrl; });
        sentList.innerHTML = "";
        entries.slice().reverse().forEach(function (sent) {
            var item = document.createElement("li");
            item.className = "sent-notes__item";
            var time = document.createElement("span");
            var at = new Date(sent.at);
            time.className = "sent-notes__time";
            time.textContent = twoDigits(at.getHours()) + ":" + twoDigits(at.getMinutes());
            var text = document.createElement("span");
            text.className = "sent-notes__text";
            text.textContent = sent.text;
            item.appendChild(time);
            item.appendChild(text);
            sentList.appendChild(item);
        });
        sentBox.hidden = entries.length === 0;
    }

    function newKey() {
        if (window.crypto && typeof window.crypto.randomUUID === "function") {
            return window.crypto.randomUUID();
        }
        var bytes = [];
        if (window.crypto && window.crypto.getRandomValues) {
            var array = new Uint8Array(16);
            window.crypto.getRandomValues(array);
            for (var i = 0; i < 16; i++) { bytes.push(array[i]); }
        } else {
            for (var j = 0; j < 16; j++) { bytes.push(Math.floor(Math.random() * 256)); }
        }
        bytes[6] = (bytes[6] & 0x0f) | 0x40;  // version 4
        bytes[8] = (bytes[8] & 0x3f) | 0x80;  // variant 10
        var hex = bytes.map(function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
        return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" +
            hex.slice(16, 20) + "-" + hex.slice(20);
    }

    // --- what the attendee sees ----------------------------------------------------------

    function showStatus(text, kind) {
        if (!statusBox) { return; }
        statusBox.innerHTML = "";
        if (!text) { return; }
        var p = document.createElement("p");
        p.className = "message" + (kind ? " message--" + kind : "");
        p.textContent = text;
        statusBox.appendChild(p);
    }

    // The confirmation or refusal the server rendered belongs to the previous note.
    function clearServerMessages() {
        var messages = root.querySelectorAll("[data-outbox-server-message]");
        for (var i = 0; i < messages.length; i++) {
            messages[i].parentNode.removeChild(messages[i]);
        }
    }

    function renderList() {
        if (!list) { return; }
        var entries = load().filter(function (entry) { return entry.url === pageUrl; });
        list.innerHTML = "";
        entries.forEach(function (entry) {
            var item = document.createElement("li");
            item.className = "outbox__item outbox__item--" + entry.state;
            var text = document.createElement("p");
            text.className = "outbox__text";
            text.textContent = entry.text;
            item.appendChild(text);
            var state = document.createElement("p");
            state.className = "outbox__state";
            state.textContent = entry.message || msg("waiting");
            item.appendChild(state);
            var actions = document.createElement("p");
            actions.className = "outbox__actions";
            var retry = document.createElement("button");
            retry.type = "button";
            retry.className = "button button--secondary";
            retry.textContent = msg("retry");
            retry.addEventListener("click", function () {
                update(entry.key, { state: "pending", message: "", tries: 0 });
                failures = 0;
                renderList();
                flush();
            });
            actions.appendChild(retry);
            if (entry.state === "refused") {
                var drop = document.createElement("button");
                drop.type = "button";
                drop.className = "button button--secondary";
                drop.textContent = msg("remove");
                drop.addEventListener("click", function () {
                    if (window.confirm(msg("remove-confirm"))) {
                        remove(entry.key);
                        renderList();
                    }
                });
                actions.appendChild(drop);
            }
            item.appendChild(actions);
            list.appendChild(item);
        });
        listBox.hidden = entries.length === 0;
    }

    function updateCounter() {
        if (!counter || !textarea) { return; }
        var length = textarea.value.replace(/\r\n/g, "\n").trim().length;
        counter.hidden = false;
        var text = fill(msg("counter"), { count: formatNumber(length), max: formatNumber(maxLength) });
        if (length > maxLength) {
            text += " " + fill(msg("too-long"), { max: formatNumber(maxLength) });
        }
        counter.textContent = text;
        counter.className = "note-form__counter" + (length > maxLength ? " note-form__counter--over" : "");
    }

    // --- sending -------------------------------------------------------------------------

    function csrfToken() {
        var input = form ? form.querySelector("input[name=csrfmiddlewaretoken]") : null;
        return (input && input.value) || root.getAttribute("data-csrf-token") || "";
    }

    function setCsrfToken(token) {
        root.setAttribute("data-csrf-token", token);
        var input = form ? form.querySelector("input[name=csrfmiddlewaretoken]") : null;
        if (input) { input.value = token; }
    }

    // A sent note's "förslag till revidering" mark is not carried over to the next note.
    function clearProposalMark() {
        var mark = form ? form.querySelector("input[name=proposes_revision]") : null;
        if (mark) { mark.checked = false; }
    }

    function collectFields() {
        var fields = [];
        for (var i = 0; i < form.elements.length; i++) {
            var element = form.elements[i];
            if (!element.name || element.disabled || SKIPPED_FIELDS[element.name]) { continue; }
            if ((element.type === "radio" || element.type === "checkbox") && !element.checked) {
                continue;
            }
            if (element.type === "submit" || element.type === "button") { continue; }
            fields.push([element.name, element.value]);
        }
        return fields;
    }

    function request(entry) {
        var body = new FormData();
        entry.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
        body.append("client_key", entry.key);
        body.append("csrfmiddlewaretoken", csrfToken());
        var options = {
            method: "POST",
            body: body,
            credentials: "same-origin",
            headers: { "Accept": "application/json", "X-CSRFToken": csrfToken() }
        };
        var timer = null;
        if (window.AbortController) {
            var controller = new window.AbortController();
            options.signal = controller.signal;
            timer = window.setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS);
        }
        return window.fetch(entry.url, options).then(function (response) {
            if (timer) { window.clearTimeout(timer); }
            var type = response.headers.get("Content-Type") || "";
            if (type.indexOf("application/json") === -1) {
                return { status: response.status, data: null };
            }
            return response.json().then(function (data) {
                return { status: response.status, data: data };
            }, function () {
                return { status: response.status, data: null };
            });
        }, function (error) {
            if (timer) { window.clearTimeout(timer); }
            throw error;
        });
    }

    // Sends one entry; resolves to "stored", "refused", "later" (kept, retried) or "offline".
    // A stale CSRF token or a lost device cookie is fixed by the answer itself (a new token,
    // a new cookie), so each is retried once at once.
    function send(entry, fixed) {
        fixed = fixed || {};
        return request(entry).then(function (result) {
            var data = result.data || {};
            if ((result.status === 201 || result.status === 200) &&
                (data.status === "stored" || data.status === "already_stored")) {
                remove(entry.key);
                rememberSent(entry);
                return { outcome: "stored", message: data.message || msg("saved") };
            }
            if (data.status === "refused") {
                if ((data.code === "csrf" || data.code === "device") && !fixed[data.code]) {
                    fixed[data.code] = true;
                    if (data.csrf_token) { setCsrfToken(data.csrf_token); }
                    return send(entry, fixed);
                }
                if (data.code === "rate" || data.code === "csrf" || data.code === "device") {
                    update(entry.key, { state: "pending", message: data.message });
                    return { outcome: "later", message: data.message };
                }
                // The server's messages say "not saved" themselves; field errors do not.
                var detail = "";
                if (data.errors) {
                    for (var field in data.errors) {
                        if (data.errors.hasOwnProperty(field)) {
                            detail += " " + data.errors[field].join(" ");
                        }
                    }
                }
                detail = detail ? msg("not-saved") + detail : (data.message || msg("server"));
                update(entry.key, { state: "refused", message: detail });
                return { outcome: "refused", message: detail };
            }
            // Not an answer from the page (a proxy's error page, a server error): try later.
            // The note itself just waits; the status above the list says why (not twice).
            update(entry.key, { state: "pending", message: "" });
            return { outcome: "later", message: msg("server") };
        }, function () {
            update(entry.key, { state: "pending", message: "" });
            return { outcome: "offline", message: msg("offline") };
        });
    }

    function scheduleRetry() {
        if (retryTimer) { window.clearTimeout(retryTimer); }
        failures += 1;
        var delay = Math.min(MAX_DELAY_MS, 2000 * Math.pow(2, Math.min(failures, 6) - 1));
        // Spread 300 phones coming back at once over a few seconds.
        delay = delay / 2 + Math.random() * delay / 2;
        retryTimer = window.setTimeout(function () { retryTimer = null; flush(); }, delay);
    }

    // Sends every pending note in the outbox, oldest first, one at a time.
    function flush() {
        if (sending) { return Promise.resolve(); }
        var pending = load().filter(function (entry) { return entry.state === "pending"; });
        if (!pending.length) { return Promise.resolve(); }
        sending = true;
        var stillPending = false;
        var chain = Promise.resolve();
        pending.forEach(function (entry) {
            chain = chain.then(function () {
                if (stillPending) { return null; }
                return send(entry).then(function (result) {
                    if (result.outcome === "stored" && entry.url === pageUrl) {
                        showStatus(msg("saved-later"), "");
                    } else if (result.outcome === "offline" || result.outcome === "later") {
                        stillPending = true;
                        showStatus(result.message, "warning");
                    }
                });
            });
        });
        return chain.then(function () {
            sending = false;
            renderList();
            renderSent();
            if (stillPending) {
                scheduleRetry();
            } else {
                failures = 0;
            }
        });
    }

    function onSubmit(event) {
        event.preventDefault();
        var entry = {
            key: newKey(),
            url: pageUrl,
            fields: collectFields(),
            text: textarea ? textarea.value : "",
            state: "sending",
            message: "",
            at: new Date().getTime()
        };
        var entries = load();
        entries.push(entry);
        save(entries);
        clearServerMessages();
        showStatus(msg("sending"), "");
        if (submitButton) { submitButton.disabled = true; }
        send(entry).then(function (result) {
            if (submitButton) { submitButton.disabled = false; }
            if (result.outcome === "stored") {
                if (textarea && textarea.value === entry.text) {
                    textarea.value = "";
                    clearProposalMark();
                    updateCounter();
                }
                showStatus(result.message, "");
                if (textarea) { textarea.focus(); }
            } else if (result.outcome === "refused") {
                // The text is still in the form: nothing is kept twice.
                remove(entry.key);
                showStatus(result.message, "error");
            } else {
                // Kept in the outbox and shown in its list: the form is free for the next note.
                if (textarea && textarea.value === entry.text) {
                    textarea.value = "";
                    clearProposalMark();
                    updateCounter();
                }
                showStatus(result.message, "warning");
                scheduleRetry();
            }
            renderList();
            renderSent();
        });
    }

    // Notes left "sending" by a page closed mid-request are pending again.
    var recovered = load();
    recovered.forEach(function (entry) {
        if (entry.state === "sending") { entry.state = "pending"; }
    });
    save(recovered);

    if (form) {
        form.addEventListener("submit", onSubmit);
    }
    if (textarea) {
        textarea.addEventListener("input", updateCounter);
        updateCounter();
    }
    window.addEventListener("online", function () {
        failures = 0;
        window.setTimeout(flush, Math.random() * 2000);
    });
    var clearSent = root.querySelector("[data-sent-clear]");
    if (clearSent) {
        clearSent.hidden = false;
        clearSent.addEventListener("click", function () {
            var others = loadSent().filter(function (sent) { return sent.url !== pageUrl; });
            try {
                window.localStorage.setItem(SENT_KEY, JSON.stringify(others));
            } catch (error) {
                // Nothing kept, nothing to clear.
            }
            renderSent();
        });
    }
    renderList();
    renderSent();
    flush();
}());
