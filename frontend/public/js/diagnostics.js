// /diagnostics, enhanced: "Test again" refreshes its rows in place from /diagnostics.json
// instead of reloading the page (which is what the same buttons do without this script),
// and the browser measures the one hop the server cannot: its own round trip through nginx.
(function () {
  'use strict';
  var root = document.querySelector('[data-diagnostics]');
  if (!root || !window.fetch || !window.performance) return;

  var STATUS_TEXT = { ok: 'OK', warning: 'Warning', failing: 'Failing', untested: 'Not tested' };

  function latencyText(ms) {
    if (ms === null || ms === undefined) return '—';
    return ms < 10 ? ms.toFixed(1) + ' ms' : Math.round(ms) + ' ms';
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function factList(facts, className) {
    var list = element('dl', className);
    facts.forEach(function (item) {
      var row = element('div');
      if (item.name) row.setAttribute('data-fact', item.name);
      row.appendChild(element('dt', '', item.label));
      row.appendChild(element('dd', '', item.value));
      list.appendChild(row);
    });
    return list;
  }

  function renderHop(row, hop) {
    row.className = 'hop hop--' + hop.status;
    row.setAttribute('data-status', hop.status);
    var badge = row.querySelector('.hop-badge');
    badge.className = 'hop-badge hop-badge--' + hop.status;
    badge.textContent = STATUS_TEXT[hop.status] || hop.status;
    var body = row.querySelector('.hop__body');
    body.querySelector('[data-summary]').textContent = hop.summary;
    Array.prototype.forEach.call(body.querySelectorAll('.hop__failure, .facts'), function (old) {
      old.parentNode.removeChild(old);
    });
    if (hop.failure) {
      var failure = element('div', 'hop__failure');
      failure.setAttribute('data-failure', hop.failure.code);
      if (hop.failure.summary !== hop.summary) {
        var cause = element('p', 'hop__cause');
        cause.appendChild(element('strong', '', 'Cause:'));
        cause.appendChild(document.createTextNode(' ' + hop.failure.summary));
        failure.appendChild(cause);
      }
      if (hop.failure.checks.length > 0) {
        failure.appendChild(element('p', 'hop__checks-title', 'What to check'));
        var checks = element('ul', 'hop__checks');
        hop.failure.checks.forEach(function (check) {
          checks.appendChild(element('li', '', check));
        });
        failure.appendChild(checks);
      }
      body.appendChild(failure);
    }
    if (hop.facts.length > 0) body.appendChild(factList(hop.facts, 'facts facts--hop'));
    if (hop.id !== 'nginx') row.querySelector('[data-latency]').textContent = latencyText(hop.latencyMs);
  }

  function renderServedBy(servedBy) {
    var facts = [{ label: 'Host name', value: servedBy.hostName }];
    facts.push({ label: 'EC2 instance', value: servedBy.instanceId || 'not on EC2 (no answer from the instance metadata service)' });
    if (servedBy.availabilityZone) facts.push({ label: 'Availability zone', value: servedBy.availabilityZone });
    if (servedBy.instanceType) facts.push({ label: 'Instance type', value: servedBy.instanceType });
    facts.push({ label: 'frontend version', value: servedBy.version });
    var old = root.querySelector('[data-served-by]');
    var list = factList(facts, 'facts');
    list.setAttribute('data-served-by', '');
    old.parentNode.replaceChild(list, old);
  }

  /** The same words as the server's headline, from the rows now on the page. */
  function renderHeadline() {
    var rows = Array.prototype.slice.call(root.querySelectorAll('[data-hop]'));
    var failing = rows.filter(function (row) { return row.getAttribute('data-status') === 'failing'; });
    var has = function (status) { return rows.some(function (row) { return row.getAttribute('data-status') === status; }); };
    var text;
    var tone = 'ok';
    if (failing.length > 0) {
      var names = failing.map(function (row) { return row.querySelector('.hop__name').textContent; }).join(', ');
      text = failing.length + (failing.length === 1 ? ' hop' : ' hops') + ' failing: ' + names;
      tone = 'failing';
    } else if (has('warning')) {
      text = 'Every tested hop answers, with a warning';
      tone = 'warning';
    } else {
      text = has('untested') ? 'Every tested hop answers' : 'Every hop answers';
    }
    var headline = root.querySelector('[data-headline]');
    headline.className = 'diagnostics__overall diagnostics__overall--' + tone;
    headline.textContent = text;
  }

  function timedFetch(url) {
    var started = window.performance.now();
    return fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' }).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.json().then(function (report) {
        return { report: report, roundTripMs: window.performance.now() - started };
      });
    });
  }

  function setNginxLatency(ms) {
    var latency = root.querySelector('[data-hop="nginx"] [data-latency]');
    if (latency) latency.textContent = latencyText(ms);
  }

  function testAgain(group, button) {
    var label = button.innerHTML;
    button.setAttribute('aria-disabled', 'true');
    button.textContent = 'Testing…';
    timedFetch('/diagnostics.json' + (group === 'all' ? '' : '?hop=' + encodeURIComponent(group)))
      .then(function (result) {
        var report = result.report;
        report.hops.forEach(function (hop) {
          if (report.tested.indexOf(hop.group) === -1) return;
          var row = root.querySelector('[data-hop="' + hop.id + '"]');
          if (row) renderHop(row, hop);
        });
        if (report.tested.indexOf('nginx') !== -1) setNginxLatency(result.roundTripMs);
        renderServedBy(report.servedBy);
        var checkedAt = root.querySelector('[data-checked-at]');
        checkedAt.setAttribute('datetime', report.checkedAt);
        checkedAt.textContent = report.checkedAt.replace('T', ' ').slice(0, 19) + ' UTC';
        renderHeadline();
      })
      .catch(function () {
        var headline = root.querySelector('[data-headline]');
        headline.className = 'diagnostics__overall diagnostics__overall--failing';
        headline.textContent = 'The test could not run: this page got no answer. Reload it to try again.';
      })
      .then(function () {
        button.removeAttribute('aria-disabled');
        button.innerHTML = label;
      });
  }

  root.addEventListener('submit', function (event) {
    var form = event.target.closest('[data-test-again]');
    if (!form) return;
    event.preventDefault();
    var button = form.querySelector('button');
    if (button.getAttribute('aria-disabled') === 'true') return;
    testAgain(form.getAttribute('data-test-again'), button);
  });

  // The browser → nginx → frontend round trip, once the page is there.
  timedFetch('/diagnostics.json?hop=nginx').then(
    function (result) { setNginxLatency(result.roundTripMs); },
    function () { setNginxLatency(null); },
  );
})();
