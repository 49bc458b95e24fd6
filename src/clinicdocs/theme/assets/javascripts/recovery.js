/* clinicdocs: a treatment's aftercare, day by day from the treatment date (the treatment page
   and its recovery page). Everything happens in the page: the date is typed in, or taken from
   the address (?date=YYYY-MM-DD, as the handout's QR code or a clinic's text message carry
   it); nothing is stored or sent, so it works offline and from file://. Without JavaScript
   the view stays hidden and the page's whole timeline is the aftercare.

   The stages come from the page's timeline (templates/pages/_aftercare.md.j2): each
   <section class="cd-stage" data-cd-from="N" data-cd-to="M">. The texts, in the page's
   language, and the follow-up sessions come from the data-cd-recovery attribute
   (generate/recovery.py). Nothing from the address is ever written into the page as markup:
   texts are set with textContent, and only the page's own elements are cloned. */
(function () {
  "use strict";

  var DAY = 86400000;

  /* A date written YYYY-MM-DD that is a real day of the calendar, or null. */
  function parseDate(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    if (!match) return null;
    var year = +match[1], month = +match[2], day = +match[3];
    var time = Date.UTC(year, month - 1, day);
    var check = new Date(time);
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
      return null;
    }
    return time;
  }

  /* Today in the reader's own time zone, as a UTC midnight like parseDate's. */
  function today() {
    var now = new Date();
    return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function headingText(heading) {
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink, .cd-stage__badge").forEach(function (el) {
      el.remove();
    });
    return copy.textContent.trim();
  }

  function listAfter(section, labelClass) {
    var label = section.querySelector("." + labelClass);
    var list = label && label.nextElementSibling;
    return list && list.tagName === "UL" ? { label: label, list: list } : null;
  }

  function readStages() {
    return Array.prototype.map.call(document.querySelectorAll(".cd-stage[data-cd-from]"), function (section) {
      var to = section.getAttribute("data-cd-to");
      return {
        section: section,
        from: parseInt(section.getAttribute("data-cd-from"), 10),
        to: to === null ? null : parseInt(to, 10),
        title: headingText(section.querySelector("h3")),
        do: listAfter(section, "cd-stage-do"),
        avoid: listAfter(section, "cd-stage-avoid"),
      };
    });
  }

  function itemsOf(part) {
    if (!part) return [];
    return Array.prototype.map.call(part.list.children, function (item) {
      return item.textContent.replace(/\s+/g, " ").trim();
    });
  }

  function setUp(view) {
    var settings = JSON.parse(view.getAttribute("data-cd-recovery"));
    var texts = settings.texts;
    var lang = document.documentElement.lang || undefined;
    var input = view.querySelector(".cd-recovery__date");
    var calendar = view.querySelector(".cd-recovery__calendar");
    var error = view.querySelector(".cd-recovery__error");
    var panel = view.querySelector(".cd-today");
    var stages = readStages();
    var chosen = null;

    function longDate(time) {
      return new Date(time).toLocaleDateString(lang, {
        timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric",
      });
    }

    function showError(text) {
      error.textContent = text;
      error.hidden = !text;
    }

    function paragraph(className, text) {
      var p = document.createElement("p");
      p.className = className;
      p.textContent = text;
      return p;
    }

    function clearMarks() {
      stages.forEach(function (stage) {
        stage.section.classList.remove("cd-stage--today");
        stage.section.removeAttribute("aria-current");
        stage.section.querySelectorAll(".cd-stage__badge").forEach(function (el) {
          el.remove();
        });
      });
    }

    function render(start) {
      chosen = start;
      calendar.disabled = start === null || stages.length === 0 && settings.followups === 0;
      panel.textContent = "";
      clearMarks();
      if (start === null) {
        panel.hidden = true;
        return;
      }
      var day = Math.round((today() - start) / DAY);
      var message;
      if (day < 0) message = fill(texts.before, { date: longDate(start) });
      else if (day === 0) message = fill(texts.day_zero, { date: longDate(today()) });
      else message = fill(texts.day, { day: day.toLocaleString(lang), date: longDate(today()) });
      panel.appendChild(paragraph("cd-today__day", message));
      var current = stages.filter(function (stage) {
        return day >= stage.from && (stage.to === null || day <= stage.to);
      });
      if (current.length) {
        panel.appendChild(paragraph("cd-today__now", texts.now));
        current.forEach(function (stage) {
          var box = document.createElement("div");
          box.className = "cd-today__stage";
          box.appendChild(paragraph("cd-today__title", stage.title));
          [stage.do, stage.avoid].forEach(function (part) {
            if (!part) return;
            box.appendChild(part.label.cloneNode(true));
            box.appendChild(part.list.cloneNode(true));
          });
          panel.appendChild(box);
          stage.section.classList.add("cd-stage--today");
          stage.section.setAttribute("aria-current", "date");
          var badge = document.createElement("span");
          badge.className = "cd-stage__badge";
          badge.textContent = texts.today_badge;
          stage.section.insertBefore(badge, stage.section.firstChild);
        });
      } else if (day >= 0 && stages.length) {
        var open = stages.some(function (stage) { return stage.from > day; });
        panel.appendChild(paragraph("cd-today__none", open ? texts.no_stage : texts.done));
      }
      var next = stages.filter(function (stage) { return stage.from > day; })[0];
      if (next) {
        panel.appendChild(paragraph("cd-today__next", fill(texts.next, {
          date: longDate(start + next.from * DAY), stage: next.title,
        })));
      }
      panel.hidden = false;
    }

    function choose(text, fromAddress) {
      var start = parseDate(text);
      if (start === null) {
        showError(text ? texts.bad_date : "");
        render(null);
        return;
      }
      if (Math.abs(today() - start) / DAY > settings.max_days_away) {
        showError(texts.far_date);
        render(null);
        return;
      }
      showError("");
      if (fromAddress) input.value = text;
      render(start);
    }

    input.min = new Date(today() - settings.max_days_away * DAY).toISOString().slice(0, 10);
    input.max = new Date(today() + settings.max_days_away * DAY).toISOString().slice(0, 10);
    input.addEventListener("change", function () {
      choose(input.value, false);
    });
    view.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
    });
    calendar.addEventListener("click", function () {
      if (chosen !== null) download(calendarFile(chosen), settings.id + "-aftercare.ics");
    });
    view.hidden = false;
    var asked = new URLSearchParams(window.location.search).get("date");
    if (asked !== null) choose(asked, true);
    else render(null);

    /* The calendar file (RFC 5545): one all-day event per stage with days, one per follow-up
       session, each with a reminder at 9 in the morning and the clinic's phone. */
    function calendarFile(start) {
      var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
      var language = lang ? ";LANGUAGE=" + lang : "";
      var call = fill(texts.calendar_call, { clinic: settings.clinic, phone: settings.phone });
      var lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//clinicdocs//recovery//EN",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
      ];
      function event(uid, first, last, summary, description) {
        lines.push(
          "BEGIN:VEVENT",
          "UID:" + uid + "-" + isoDate(start) + "@clinicdocs",
          "DTSTAMP:" + stamp,
          "DTSTART;VALUE=DATE:" + icsDate(first),
          "DTEND;VALUE=DATE:" + icsDate(last + DAY),
          "SUMMARY" + language + ":" + escapeText(summary),
          "DESCRIPTION" + language + ":" + escapeText(description),
          "TRANSP:TRANSPARENT",
          "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER;RELATED=START:PT9H",
          "DESCRIPTION" + language + ":" + escapeText(summary),
          "END:VALARM", "END:VEVENT"
        );
      }
      stages.forEach(function (stage, index) {
        var last = stage.to === null ? stage.from : stage.to;
        var parts = [];
        [stage.do, stage.avoid].forEach(function (part) {
          var items = itemsOf(part);
          if (items.length) parts.push(part.label.textContent.trim() + "\n- " + items.join("\n- "));
        });
        parts.push(call);
        event(
          settings.id + "-stage-" + (index + 1), start + stage.from * DAY, start + last * DAY,
          fill(texts.calendar_stage, { treatment: settings.treatment, stage: stage.title }),
          parts.join("\n\n")
        );
      });
      for (var n = 1; n <= settings.followups; n += 1) {
        var due = start + n * settings.interval_days * DAY;
        event(
          settings.id + "-session-" + (n + 1), due, due,
          fill(texts.calendar_session, { treatment: settings.treatment }),
          fill(texts.calendar_session_detail, { interval: settings.interval_words }) + "\n\n" + call
        );
      }
      lines.push("END:VCALENDAR");
      return lines.map(fold).join("\r\n") + "\r\n";
    }
  }

  function isoDate(time) {
    return new Date(time).toISOString().slice(0, 10);
  }

  function icsDate(time) {
    return isoDate(time).replace(/-/g, "");
  }

  function escapeText(text) {
    return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }

  /* Lines of at most 75 octets, continued with a space (RFC 5545, 3.1), never inside a
     character. */
  function fold(line) {
    var encoder = new TextEncoder();
    var out = [];
    var current = "";
    var size = 0;
    Array.from(line).forEach(function (character) {
      var bytes = encoder.encode(character).length;
      if (size + bytes > (out.length ? 74 : 75)) {
        out.push(current);
        current = "";
        size = 0;
      }
      current += character;
      size += bytes;
    });
    out.push(current);
    return out.join("\r\n ");
  }

  function download(text, name) {
    var url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function setUpAll() {
    document.querySelectorAll("[data-cd-recovery]:not([data-cd-ready])").forEach(function (view) {
      view.setAttribute("data-cd-ready", "");
      setUp(view);
    });
  }

  // Material's instant navigation swaps pages without a reload and announces each on document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUpAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
