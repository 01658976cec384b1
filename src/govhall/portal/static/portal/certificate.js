/*
 * Certificate login and binding: sign the page's challenge in the browser with WebCrypto.
 *
 * The holder picks their certificate (PEM) and private key (PEM, PKCS#8). The key is read into
 * memory, imported as non-extractable, used once to sign the UTF-8 bytes of the challenge
 * (RSASSA-PKCS1-v1_5 / SHA-256, or ECDSA P-256 / SHA-256) and dropped; its file input has no
 * name, so the key is never submitted. Only the certificate and the base64 signature are posted.
 * WebCrypto needs a secure context (HTTPS or localhost); elsewhere the page falls back to pasting
 * the output of the holder's signing software.
 */
(function () {
  "use strict";

  function pemBody(text, label) {
    var match = new RegExp("-----BEGIN " + label + "-----([\\s\\S]+?)-----END " + label + "-----").exec(text);
    if (!match) return null;
    var binary = atob(match[1].replace(/\s+/g, ""));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes.buffer;
  }

  function toBase64(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary);
  }

  function readFile(input) {
    return new Promise(function (resolve, reject) {
      var file = input.files && input.files[0];
      if (!file) { resolve(null); return; }
      var reader = new FileReader();
      reader.onload = function () { resolve(String(reader.result)); };
      reader.onerror = function () { reject(new Error("无法读取文件")); };
      reader.readAsText(file);
    });
  }

  function importKey(der) {
    var subtle = window.crypto.subtle;
    return subtle
      .importKey("pkcs8", der, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"])
      .then(function (key) { return { key: key, algorithm: { name: "RSASSA-PKCS1-v1_5" } }; })
      .catch(function () {
        return subtle
          .importKey("pkcs8", der, { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"])
          .then(function (key) { return { key: key, algorithm: { name: "ECDSA", hash: "SHA-256" } }; })
          .catch(function () { throw new Error("私钥无法使用：支持 RSA 与 ECDSA P-256 的 PKCS#8 私钥。"); });
      });
  }

  function setup(form) {
    var signer = form.querySelector("[data-certificate-signer]");
    var certFile = form.querySelector("[data-certificate-file]");
    var keyFile = form.querySelector("[data-key-file]");
    var certText = form.querySelector("[data-certificate]");
    var signatureText = form.querySelector("[data-signature]");
    var status = form.querySelector("[data-signer-status]");
    var challenge = form.querySelector("[data-challenge]");
    if (!signer || !certFile || !keyFile || !certText || !signatureText || !challenge) return;

    function say(text, isError) {
      status.textContent = text;
      status.className = "field__status" + (isError ? " field__error" : "");
    }

    if (!window.crypto || !window.crypto.subtle || !window.isSecureContext) {
      say("当前浏览器环境不支持在页面中签名（需要 HTTPS），请使用签名软件并粘贴签名。", true);
      return;
    }

    function certificateChosen() {
      readFile(certFile).then(function (text) {
        if (text === null) return;
        if (!pemBody(text, "CERTIFICATE")) { say("所选文件不是 PEM 格式的证书。", true); return; }
        certText.value = text.trim();
        say("已读取证书。请选择私钥文件完成签名。", false);
      }).catch(function (error) { say(error.message, true); });
    }

    function keyChosen() {
      readFile(keyFile).then(function (text) {
        if (text === null) return null;
        var der = pemBody(text, "PRIVATE KEY");
        if (!der) throw new Error("所选文件不是 PKCS#8 PEM 私钥（应以 -----BEGIN PRIVATE KEY----- 开头）。");
        return importKey(der).then(function (imported) {
          var message = new TextEncoder().encode(challenge.value);
          return window.crypto.subtle.sign(imported.algorithm, imported.key, message);
        });
      }).then(function (signature) {
        if (!signature) return;
        signatureText.value = toBase64(signature);
        keyFile.value = "";
        say(certText.value ? "已在本机完成签名，请点击下方按钮提交。" : "已完成签名，请再选择证书文件。", false);
      }).catch(function (error) {
        keyFile.value = "";
        say(error && error.message ? error.message : "签名失败：私钥无法使用。", true);
      });
    }

    certFile.addEventListener("change", certificateChosen);
    keyFile.addEventListener("change", keyChosen);
    // Files chosen before this deferred script ran (slow connection) fired no event we heard.
    if (certFile.files && certFile.files.length) certificateChosen();
    if (keyFile.files && keyFile.files.length) keyChosen();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("[data-certificate-form]");
    for (var i = 0; i < forms.length; i++) setup(forms[i]);
  });
})();
