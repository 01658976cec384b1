/* 网上申报 — progressive behaviour for the application pages (everything works without it):
   - forms marked [data-autosave] post their fields to the draft's save address (data-save-url or the
     form's action) 0.8 s after the last change, as JSON, and show “已保存 hh:mm”;
   - repeating groups add and remove rows in place (the no-JS buttons submit the form instead);
   - “使用” next to 上次填写 fills that one field in (never by itself);
   - file inputs in [data-upload] forms upload as soon as files are chosen;
   - forms marked [data-submit-once] disable their submit button on the first click;
   - the mail address shows only when 邮寄 is chosen.
   Loaded as a file (no inline script) so the Content-Security-Policy applies. */
(function () {
  "use strict";

  function csrf(form) {
    var input = form.querySelector("input[name='csrfmiddlewaretoken']");
    return input ? input.value : "";
  }

  function autosave(form) {
    var status = form.querySelector("[data-save-status]");
    var url = form.getAttribute("data-save-url") || form.getAttribute("action");
    var timer = null;
    var pending = false;

    function show(text, failed) {
      if (!status) { return; }
      status.textContent = text;
      status.classList.toggle("text-error", Boolean(failed));
    }

    function save() {
      timer = null;
      pending = false;
      var data = new FormData(form);
      show("正在保存…");
      fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": csrf(form) }
      }).then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      }).then(function (result) {
        if (result.ok && result.body.saved) {
          show("已保存 " + result.body.saved_at);
        } else {
          show((result.body && result.body.message) || "保存失败，请点“保存草稿”重试", true);
        }
      }).catch(function () {
        show("网络异常，暂未保存；恢复网络后会再次保存", true);
        pending = true;
      });
    }

    function schedule() {
      if (timer) { window.clearTimeout(timer); }
      timer = window.setTimeout(save, 800);
    }

    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    window.addEventListener("online", function () { if (pending) { save(); } });
    form._autosaveNow = save;
  }

  function renumber(group) {
    var rows = group.querySelectorAll("[data-rows] > [data-row]");
    for (var i = 0; i < rows.length; i += 1) {
      var number = rows[i].querySelector("[data-row-number]");
      if (number) { number.textContent = String(i + 1); }
    }
    var max = parseInt(group.getAttribute("data-max-rows") || "0", 10);
    var add = group.querySelector("[data-add-row]");
    if (add && max) { add.disabled = rows.length >= max; }
  }

  function nextIndex(group) {
    var highest = -1;
    var inputs = group.querySelectorAll("[data-rows] [name]");
    var prefix = "form." + group.getAttribute("data-repeat") + ".";
    for (var i = 0; i < inputs.length; i += 1) {
      var name = inputs[i].getAttribute("name");
      if (name.indexOf(prefix) === 0) {
        var index = parseInt(name.slice(prefix.length).split(".")[0], 10);
        if (!isNaN(index) && index > highest) { highest = index; }
      }
    }
    return highest + 1;
  }

  function addRow(group) {
    var template = group.querySelector("template[data-row-template]");
    if (!template) { return; }
    var index = String(nextIndex(group));
    var html = template.innerHTML.split("__INDEX__").join(index);
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    group.querySelector("[data-rows]").appendChild(row);
    renumber(group);
    var first = row.querySelector("input, select, textarea");
    if (first) { first.focus(); }
  }

  function changed(form) {
    form.dispatchEvent(new Event("change", { bubbles: true }));
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) { return; }
    var add = target.closest("[data-add-row]");
    if (add) {
      event.preventDefault();
      addRow(add.closest("[data-repeat]"));
      return;
    }
    var remove = target.closest("[data-remove-row]");
    if (remove) {
      event.preventDefault();
      var group = remove.closest("[data-repeat]");
      var form = remove.closest("form");
      remove.closest("[data-row]").remove();
      renumber(group);
      if (form) { changed(form); }
      return;
    }
    var reuse = target.closest("[data-reuse-target]");
    if (reuse) {
      event.preventDefault();
      var input = document.getElementById(reuse.getAttribute("data-reuse-target"));
      if (input) {
        input.value = reuse.getAttribute("data-reuse-value");
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.focus();
        var note = reuse.closest(".reuse");
        if (note) { note.remove(); }
      }
    }
  });

  function toggleAddress(form) {
    var box = form.querySelector("[data-mail-address]");
    if (!box) { return; }
    var chosen = form.querySelector("[data-delivery]:checked");
    box.hidden = !(chosen && chosen.value === "mail");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[data-autosave]");
    for (var i = 0; i < forms.length; i += 1) { autosave(forms[i]); toggleAddress(forms[i]); }
    var groups = document.querySelectorAll("[data-repeat]");
    for (var g = 0; g < groups.length; g += 1) { renumber(groups[g]); }

    document.addEventListener("change", function (event) {
      var target = event.target;
      if (target.matches && target.matches("[data-delivery]")) { toggleAddress(target.form); }
      if (target.matches && target.matches("[data-upload] input[type='file']") && target.files.length) {
        var upload = target.form;
        upload.classList.add("is-uploading");
        var button = upload.querySelector("[data-upload-button]");
        if (button) { button.disabled = true; button.textContent = "正在上传…"; }
        upload.submit();
      }
    });

    var once = document.querySelectorAll("form[data-submit-once]");
    for (var k = 0; k < once.length; k += 1) {
      once[k].addEventListener("submit", function (event) {
        var form = event.currentTarget;
        if (form.getAttribute("data-submitting")) { event.preventDefault(); return; }
        form.setAttribute("data-submitting", "1");
        var button = form.querySelector("[data-submit-button]");
        if (button) {
          // Disabled after this event, so the button's own name/value still goes with the form.
          window.setTimeout(function () { button.disabled = true; button.textContent = "正在提交…"; }, 0);
        }
      });
    }
  });
})();
