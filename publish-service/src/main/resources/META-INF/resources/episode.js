/*
 * The episode page's transcript in time with the audio: the line being spoken is marked
 * (aria-current), a line's time plays the episode from there, and a line taken from the paper opens
 * its source passage while it is spoken. Without this script the page is a plain transcript with
 * source notes, and each time links to the MP3 at that moment (#t=).
 */
(function () {
    'use strict';
    var list = document.getElementById('lines');
    var audio = list && document.getElementById(list.getAttribute('data-for'));
    if (!audio) {
        return;
    }
    var status = document.getElementById('transcript-status');
    var items = Array.prototype.slice.call(list.querySelectorAll('li.line'));
    var lines = items.map(function (li) {
        return {
            li: li,
            start: parseFloat(li.getAttribute('data-start')),
            end: parseFloat(li.getAttribute('data-end')),
            details: li.querySelector('details.source'),
            openedHere: false
        };
    });
    var current = null;

    /* The last line starting at or before t; between lines the previous one stays marked. */
    function lineAt(t) {
        var lo = 0, hi = lines.length - 1, found = -1;
        while (lo <= hi) {
            var mid = (lo + hi) >> 1;
            if (lines[mid].start <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0 || (found === lines.length - 1 && t >= lines[found].end)) {
            return null;
        }
        return lines[found];
    }

    function visible(el) {
        var r = el.getBoundingClientRect();
        return r.bottom > 0 && r.top < (window.innerHeight || document.documentElement.clientHeight);
    }

    function mark(line) {
        if (line === current) {
            return;
        }
        var following = current === null || visible(current.li);
        if (current) {
            current.li.removeAttribute('aria-current');
            // close only what was opened for the listener, and never under their focus
            if (current.openedHere && !current.details.contains(document.activeElement)) {
                current.details.open = false;
            }
            current.openedHere = false;
        }
        current = line;
        if (!line) {
            return;
        }
        line.li.setAttribute('aria-current', 'true');
        if (line.details && !line.details.open) {
            line.details.open = true;
            line.openedHere = true;
        }
        if (following && !visible(line.li)) {
            line.li.scrollIntoView({ block: 'nearest' });
        }
    }

    function follow() {
        mark(lineAt(audio.currentTime));
    }

    list.addEventListener('click', function (ev) {
        if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) {
            return; // a new tab or window: the link's own MP3 at that time
        }
        var time = ev.target.closest ? ev.target.closest('a.time') : null;
        if (!time || !list.contains(time)) {
            return;
        }
        ev.preventDefault();
        var line = lines[items.indexOf(time.closest('li.line'))];
        audio.currentTime = line.start;
        var playing = audio.play();
        if (playing && playing.catch) {
            playing.catch(function () { /* the listener can still press play */ });
        }
        mark(line);
        if (status) {
            status.textContent = 'Playing from ' + time.textContent;
        }
    });
    audio.addEventListener('timeupdate', follow);
    audio.addEventListener('seeked', follow);
}());
