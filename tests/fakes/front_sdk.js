// A stand-in for Front's plugin SDK (@frontapp/plugin-sdk's UMD build), for the tests of
// integrations/front: we cannot run Front here. Front.contextUpdates hands subscribers a
// "messageComposer" context; its updateDraft(id, update) is recorded and, as Front does,
// followed by a new context carrying the updated draft. The test drives it through window.fakeFront.
"use strict";

(() => {
  const subscribers = [];
  let current = null;
  let version = 0;
  const front = {
    updates: [],
    /** The teammate writes in the composer: Front sends a new context. */
    compose(body, type = "text") {
      publish({ id: "dft_1", content: { body, type } });
    },
    current: () => current,
  };
  window.fakeFront = front;

  function publish(draft) {
    version += 1;
    current = {
      id: `ctx_${version}`,
      type: "messageComposer",
      draft,
      async updateDraft(draftId, update) {
        front.updates.push({ draftId, update });
        if (draftId !== current.draft.id) throw new Error("no such draft");
        if (update.updateMode !== "replace") throw new Error("this fake only replaces");
        setTimeout(() => publish({ ...current.draft, content: update.content }), 0);
      },
    };
    for (const fn of subscribers) fn(current);
  }

  window.Front = {
    contextUpdates: {
      subscribe(fn) {
        subscribers.push(fn);
        if (current) fn(current);
        return { unsubscribe() { subscribers.splice(subscribers.indexOf(fn), 1); } };
      },
    },
  };
})();
