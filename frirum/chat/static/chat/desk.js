/* The counsellor's chat desk (chat.js does the socket): the queue list is re-read from the
   server whenever the queue changes; the open chat's messages come over the socket. */
(function () {
  "use strict";
  var desk = document.querySelector("[data-desk]");
  if (!desk || !window.FrirumChat) {
    return;
  }
  var t = desk.dataset;
  var chatId = t.deskChat ? parseInt(t.deskChat, 10) : null;
  var queueList = desk.querySelector("[data-desk-queue-list]");
  var state = desk.querySelector("[data-chat-state]");
  var form = desk.querySelector("[data-chat-form]");
  var logList = desk.querySelector("[data-chat-log]");
  var log = logList
    ? new window.FrirumChat.Log(logList, {
        own: t.tYou,
        youth: t.tYouth,
        counsellor: t.tCounsellor,
        whisper: t.tWhisper,
        system: t.tSystem,
      })
    : null;
  var refreshing = false;
  var refreshAgain = false;
  var lastRefresh = 0;

  // At most one read of the queue a second: a burst of changes is one read now and one
  // after it, never a read per change.
  function refreshQueue() {
    var wait = lastRefresh + 1000 - Date.now();
    if (refreshing || wait > 0) {
      if (!refreshAgain) {
        refreshAgain = true;
        window.setTimeout(function () {
          refreshAgain = false;
          refreshQueue();
        }, Math.max(wait, 250));
      }
      return;
    }
    refreshing = true;
    lastRefresh = Date.now();
    window
      .fetch(t.deskQueue, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html !== null) {
          queueList.innerHTML = html;
        }
      })
      .finally(function () {
        refreshing = false;
      });
  }

  var connection = window.FrirumChat.connect({
    path: t.deskSocket,
    hello: function () {
      return chatId
        ? { type: "hello", chat: chatId, after: log.lastSeq, lang: document.documentElement.lang }
        : { type: "ping" };
    },
    onSignedOut: function () {
      window.location.reload();
    },
    onConnection: function (open) {
      if (state) {
        state.textContent = open ? "" : t.tOffline;
      }
      if (open) {
        refreshQueue();
      }
    },
    onEvent: function (event) {
      if (event.type === "queue") {
        refreshQueue();
      } else if (event.type === "message" && log && event.chat === chatId) {
        // The reader's own messages show as "You": the counsellor's, or the supervisor's whispers.
        log.add(event, form && form.dataset.chatKind === "whisper" ? "whisper" : "counsellor");
      } else if (event.type === "status" && event.chat === chatId && event.status !== "active") {
        if (form) {
          form.hidden = true;
        }
      }
    },
  });

  // A canned reply goes into the message box, to be adjusted before it is sent.
  desk.querySelectorAll("[data-canned]").forEach(function (button) {
    button.addEventListener("click", function () {
      var box = form.querySelector("textarea");
      box.value = button.dataset.canned;
      box.focus();
    });
  });

  if (form) {
    var textarea = form.querySelector("textarea");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = textarea.value.trim();
      if (!text) {
        return;
      }
      // A supervisor reading along whispers; the server checks the role either way.
      var fields = { chat: chatId, text: text };
      if (form.dataset.chatKind === "whisper") {
        fields.type = "whisper";
      }
      var item = connection.send(fields);
      log.addPending(item.key, text, t.tSending);
      textarea.value = "";
      textarea.focus();
    });
  }
})();
