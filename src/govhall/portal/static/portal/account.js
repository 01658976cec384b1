/* Account pages: “获取验证码” sends the code in place and counts down before it may be sent again.
   Without this script the button still works: it submits the form to the SMS endpoint, which
   sends the code and returns to the page. Loaded as a file: the Content-Security-Policy forbids
   inline script. */
(function () {
  "use strict";

  function countdown(button, seconds) {
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    button.disabled = true;
    var left = seconds;
    button.textContent = left + " 秒后重新获取";
    var timer = window.setInterval(function () {
      left -= 1;
      if (left <= 0) {
        window.clearInterval(timer);
        button.disabled = false;
        button.textContent = label;
      } else {
        button.textContent = left + " 秒后重新获取";
      }
    }, 1000);
  }

  function say(field, text, isError) {
    var status = field ? field.querySelector("[data-sms-status]") : null;
    if (!status) {
      return;
    }
    status.textContent = text;
    status.classList.toggle("field__error", Boolean(isError));
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("[data-sms-send]") : null;
    if (!button || !window.fetch || !window.FormData) {
      return;
    }
    event.preventDefault();
    var form = button.form;
    var field = button.closest(".field");
    var phoneInput = document.getElementById(button.getAttribute("data-phone-input"));
    var phone = phoneInput ? phoneInput.value.trim() : "";
    if (!phone) {
      say(field, "请先填写手机号码", true);
      if (phoneInput) {
        phoneInput.focus();
      }
      return;
    }
    var body = new FormData();
    body.append("csrfmiddlewaretoken", form.querySelector("[name='csrfmiddlewaretoken']").value);
    body.append("phone", phone);
    body.append("purpose", button.value);
    button.disabled = true;
    window
      .fetch(button.formAction, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-Requested-With": "fetch" },
      })
      .then(function (response) {
        return response.json().catch(function () {
          return { ok: false, message: "获取验证码失败，请稍后再试" };
        });
      })
      .then(function (data) {
        say(field, data.message || (data.ok ? "验证码已发送" : "获取验证码失败，请稍后再试"), !data.ok);
        if (data.ok) {
          countdown(button, data.resend_after || 60);
          var codeInput = field.querySelector("input");
          if (codeInput) {
            codeInput.focus();
          }
        } else {
          button.disabled = false;
        }
      })
      .catch(function () {
        say(field, "网络异常，请检查网络后重试", true);
        button.disabled = false;
      });
  });
})();
