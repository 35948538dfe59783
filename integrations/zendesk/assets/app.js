// The replylint ticket-sidebar app for Zendesk Support (Zendesk Apps Framework 2.0).
// The draft is linted a moment after the agent stops typing (comment.text.changed); with the
// "hold_on_error" setting, submitting a public reply with an error-level finding is held
// (ticket.save). Requests go through Zendesk's proxy (client.request with secure: true), which
// puts the secure "token" setting into the Authorization header: agents never see the token,
// and the service must be reachable from the internet over https.
"use strict";

(async () => {
  const client = ZAFClient.init();
  const { settings } = await client.metadata();
  const base = String(settings.service_url || "").replace(/\/+$/, "");
  const timeoutMs = 1000 * (Number(settings.timeout_seconds) || 5);

  /** {status, data} for any answer; rejects only when nothing answered. */
  async function send(path, body) {
    try {
      const data = await client.request({
        url: base + path,
        type: "POST",
        contentType: "application/json",
        data: JSON.stringify(body),
        headers: { Authorization: "Bearer {{setting.token}}" },
        secure: true,
        cors: false,
        timeout: timeoutMs,
        dataType: "json",
      });
      return { status: 200, data };
    } catch (error) {
      if (error && error.status) return { status: error.status, data: error.responseJSON || {} };
      throw error;
    }
  }

  const root = document.getElementById("replylint");
  const panel = ReplylintClient.sidebar({
    root,
    lint: ReplylintClient.checker({ send, timeoutMs }),
    getDraft: async () => (await client.get("comment.text"))["comment.text"] || "",
    setDraft: (text) => client.set("comment.text", text),
    // The rich-text composer gives HTML, the plain one text: let the service tell them apart.
    format: () => "auto",
  });

  new ResizeObserver(() => {
    client.invoke("resize", { width: "100%", height: `${document.body.scrollHeight}px` });
  }).observe(document.body);

  client.on("comment.text.changed", panel.draftChanged);
  client.on("ticket.save", async () => {
    if (!settings.hold_on_error) return true;
    const kind = (await client.get("comment.type"))["comment.type"];
    if (kind === "internalNote") return true;  // not sent to the customer
    const verdict = await panel.beforeSend();
    if (verdict.hold) throw verdict.message;  // a rejected save shows this message and keeps the draft
    return true;
  });
  panel.lintNow();
})();
