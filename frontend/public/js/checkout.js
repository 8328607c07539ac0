// Checkout enhancement (the page works without it): once the order form is sent, its
// button says so and further presses send nothing. The server makes one order of any
// number of submits anyway (the form's idempotency key); this spares the wait twice.
(function () {
  'use strict';
  var form = document.querySelector('[data-checkout-form]');
  if (!form) return;
  var button = form.querySelector('[data-place-order]');
  var label = button ? button.textContent : '';
  var sent = false;

  form.addEventListener('submit', function (event) {
    if (sent) {
      event.preventDefault();
      return;
    }
    sent = true;
    if (button) {
      button.setAttribute('aria-disabled', 'true');
      button.textContent = 'Placing your order…';
    }
  });

  // Back to this page from the browser's cache: the form can be sent again.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    sent = false;
    if (button) {
      button.removeAttribute('aria-disabled');
      button.textContent = label;
    }
  });
})();
