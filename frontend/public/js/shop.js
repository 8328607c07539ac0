// Small enhancements on top of pages that work without them (served from our origin).
// 1. "/" focuses the search box when the user is not typing somewhere else.
// 2. Suggestions while typing in the search box (a combobox over /search/suggest).
// 3. A form that failed moves focus to its error summary.
(function () {
  'use strict';

  function isTyping(target) {
    if (!target || !(target instanceof Element)) return false;
    return target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null;
  }

  document.addEventListener('keydown', function (event) {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    var input = document.querySelector('[data-search-input]');
    if (!input) return;
    event.preventDefault();
    input.focus();
    input.select();
  });

  function setUpSuggestions(form) {
    var input = form.querySelector('[data-search-input]');
    if (!input || !window.fetch) return;
    var list = document.createElement('ul');
    list.id = 'search-suggestions';
    list.className = 'suggestions';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Suggestions');
    list.hidden = true;
    form.appendChild(list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-expanded', 'false');

    var timer = null;
    var latest = 0;
    var active = -1;
    var items = [];

    function close() {
      list.hidden = true;
      list.textContent = '';
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
      items = [];
    }

    function highlight(index) {
      var options = list.querySelectorAll('[role="option"]');
      options.forEach(function (option, i) {
        option.setAttribute('aria-selected', i === index ? 'true' : 'false');
      });
      active = index;
      if (index >= 0 && options[index]) input.setAttribute('aria-activedescendant', options[index].id);
      else input.removeAttribute('aria-activedescendant');
    }

    function show(found) {
      list.textContent = '';
      items = found;
      if (found.length === 0) return close();
      found.forEach(function (item, i) {
        var option = document.createElement('li');
        option.id = 'suggestion-' + i;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        var link = document.createElement('a');
        link.href = item.url;
        link.tabIndex = -1;
        var title = document.createElement('span');
        title.className = 'suggestions__title';
        title.textContent = item.title;
        var by = document.createElement('span');
        by.className = 'suggestions__by';
        by.textContent = item.authorNames;
        link.appendChild(title);
        link.appendChild(by);
        option.appendChild(link);
        list.appendChild(option);
      });
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      active = -1;
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) return close();
      timer = setTimeout(function () {
        var ticket = ++latest;
        fetch('/search/suggest?q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
          .then(function (res) { return res.ok ? res.json() : { items: [] }; })
          .then(function (body) { if (ticket === latest) show(body.items || []); })
          .catch(close);
      }, 150);
    });

    input.addEventListener('keydown', function (event) {
      if (list.hidden) return;
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        highlight((active + 1) % items.length);
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === 'Escape') {
        close();
      } else if (event.key === 'Enter' && active >= 0 && items[active]) {
        event.preventDefault();
        window.location.href = items[active].url;
      }
    });

    document.addEventListener('click', function (event) {
      if (!form.contains(event.target)) close();
    });
    input.addEventListener('blur', function () {
      setTimeout(function () { if (!form.contains(document.activeElement)) close(); }, 150);
    });
  }

  function ready() {
    document.querySelectorAll('[data-search]').forEach(setUpSuggestions);
    var summary = document.querySelector('[data-error-summary]');
    if (summary) summary.focus();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
})();
