/* The young person's chat page (chat.js does the socket). The token that opens the chat
   lives only in this tab's sessionStorage: a reload keeps the chat, a closed tab forgets it,
   and it never appears in an address. */
(function () {
  "use strict";
  var section = document.getElementById("chat");
  if (!section || !window.FrirumChat) {
    return;
  }
  var site = section.dataset.chatSite;
  var tokenKey = "frirum-chat:" + site;
  var outboxKey = "frirum-chat-outbox:" + site;
  var t = section.dataset;

  if (t.chatToken) {
    window.sessionStorage.setItem(tokenKey, t.chatToken);
    window.sessionStorage.removeItem(outboxKey);
    section.removeAttribute("data-chat-token");
    // The answer to the questions' POST becomes a plain page: a reload does not post again.
    window.history.replaceState(null, "", window.location.href);
  }
  var token = window.sessionStorage.getItem(tokenKey);
  if (!token) {
    return;
  }

  var intro = document.querySelector("[data-chat-intro]");
  if (intro) {
    intro.hidden = true;
  }
  section.hidden = false;
  var state = section.querySelector("[data-chat-state]");
  var form = section.querySelector("[data-chat-form]");
  var textarea = form.querySelector("textarea");
  var leave = section.querySelector("[data-chat-leave]");
  var log = new window.FrirumChat.Log(section.querySelector("[data-chat-log]"), {
    own: t.tYou,
    counsellor: t.tCounsellor,
    system: t.tSystem,
  });
  var status = "waiting";
  var queueText = "";

  function show(text) {
    state.textContent = text;
  }

  function queueMessage(event) {
    if (event.position === null) {
      return "";
    }
    if (event.wait_minutes === null) {
      return t.tPosition.replace("{position}", event.position) + " " + t.tNoOne;
    }
    if (event.wait_minutes === 0) {
      return t.tNext;
    }
    return (
      t.tPosition.replace("{position}", event.position) +
      " " +
      t.tWait.replace("{minutes}", event.wait_minutes)
    );
  }

  // The questionnaire at the end: its form carries the chat's token in a POST, which the
  // server exchanges for the questionnaire in this browser's session (no code to type).
  function offerQuestionnaire() {
    var offer = section.querySelector("[data-chat-questionnaire]");
    if (offer && token) {
      offer.querySelector("input[name=token]").value = token;
      offer.hidden = false;
      return true;
    }
    return false;
  }

  // With the questionnaire offered, the socket stays open after the end until the line that
  // the counsellor has saved the registration arrives (the questions are ready then), for
  // half an hour at most.
  var registered = false;
  var waitingForNotes = false;

  function finished(keepListening) {
    form.hidden = true;
    leave.hidden = true;
    window.sessionStorage.removeItem(tokenKey);
    window.sessionStorage.removeItem(outboxKey);
    if (keepListening && !registered) {
      waitingForNotes = true;
      window.setTimeout(connection.close, 30 * 60 * 1000);
    } else {
      connection.close();
    }
  }

  var connection = window.FrirumChat.connect({
    path: section.dataset.chatSocket,
    hello: function () {
      return { type: "hello", token: token, after: log.lastSeq, lang: section.dataset.chatLang };
    },
    outbox: {
      load: function () {
        try {
          return JSON.parse(window.sessionStorage.getItem(outboxKey) || "[]");
        } catch (error) {
          return [];
        }
      },
      save: function (items) {
        window.sessionStorage.setItem(outboxKey, JSON.stringify(items));
      },
    },
    onConnection: function (open) {
      if (!open && status !== "ended" && status !== "left") {
        show(t.tOffline);
      }
    },
    onEvent: function (event) {
      if (event.type === "message") {
        log.add(event, "youth");
        if (event.key === "system:registered") {
          registered = true;
          if (waitingForNotes) {
            connection.close();
          }
        }
      } else if (event.type === "queue") {
        queueText = queueMessage(event);
        if (status === "waiting") {
          show(queueText);
        }
      } else if (event.type === "status") {
        status = event.status;
        if (status === "active") {
          show(t.tActive);
        } else if (status === "ended") {
          show(t.tEnded);
          finished(offerQuestionnaire());
        } else if (status === "left") {
          show(t.tLeft);
          finished();
        } else {
          show(queueText || t.tConnecting);
        }
      } else if (event.type === "error" && event.code === "unknown") {
        show(t.tUnknown);
        finished();
      }
    },
  });

  connection.pending().forEach(function (item) {
    log.addPending(item.key, item.text, t.tSending);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = textarea.value.trim();
    if (!text) {
      return;
    }
    var item = connection.send({ text: text });
    log.addPending(item.key, text, t.tSending);
    textarea.value = "";
    textarea.focus();
  });

  leave.addEventListener("click", function () {
    connection.command({ type: "leave" });
  });
})();
