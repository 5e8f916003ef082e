// The kiosk's 「現在時刻」. The page is rendered with the server's time (data-server-time) and
// the server's UTC offset (data-utc-offset-minutes), so the tablet shows the time the punches
// are recorded with; from there it follows this device's clock. Served as a file: the portal's
// CSP (script-src 'self') allows no inline script. Without it the page still works, the clock
// just stands still.
(function () {
  'use strict';
  var el = document.querySelector('.kiosk-clock[data-server-time]');
  if (!el) return;
  var serverTime = Number(el.getAttribute('data-server-time'));
  var offsetMs = Number(el.getAttribute('data-utc-offset-minutes')) * 60000;
  if (!isFinite(serverTime) || !isFinite(offsetMs)) return;
  var loadedAt = Date.now();
  var pad = function (n) { return (n < 10 ? '0' : '') + n; };
  var show = function () {
    // UTC getters on a shifted time: the server's wall clock, whatever the tablet's time zone
    var d = new Date(serverTime + (Date.now() - loadedAt) + offsetMs);
    var text = d.getUTCFullYear() + '/' + pad(d.getUTCMonth() + 1) + '/' + pad(d.getUTCDate()) + ' '
      + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes());
    if (el.textContent !== text) el.textContent = text;
  };
  show();
  setInterval(show, 1000);
})();
