// Keyboard use of the map page (issue 14): every tool without a mouse.
//  - the tool buttons are buttons (Tab, Enter / Space); started from the keyboard, a tool that waits
//    for a point puts the focus on the map, where the arrow keys pan (Leaflet's keyboard handler),
//    + / - zoom and Enter takes the map centre (marked by a cross) as the clicked point;
//  - Tab from the tool's bar (#hint) reaches the map and Shift+Tab from the map goes back to it;
//  - Escape cancels the tool and gives the focus back to its button, as 完成 (Finish) and 取消 (Cancel) do;
//  - result list entries are focusable and Enter (or Space) on one does what a click does.

const FOCUSABLE = 'input:not([hidden]), select, button';

/**
 * Wires the keys. {@code tool()} names the tool waiting for map input (or null); {@code pick(latlng)}
 * is what a click on the map does then; {@code cancel()} stops the tool.
 */
export function initKeyboard({ map, tool, pick, cancel }) {
  const container = map.getContainer();
  const hint = document.getElementById('hint');
  const backToTool = keyboardTool({ map, buttons: document.querySelectorAll('[data-tool]'), active: () => Boolean(tool()), pick, end: cancel });

  container.addEventListener('keydown', (e) => {
    if (tool() && e.key === 'Tab' && e.shiftKey) {
      const controls = visibleControls(hint);
      if (controls.length) { e.preventDefault(); controls[controls.length - 1].focus(); }
    }
  });
  hint.addEventListener('keydown', (e) => {
    const controls = visibleControls(hint);
    if (e.key === 'Tab' && !e.shiftKey && e.target === controls[controls.length - 1]) { e.preventDefault(); container.focus(); }
  });
  // 完成 and 取消 hide themselves with the bar: the focus goes back to the tool's button, not to the page's start
  ['area-finish', 'hint-cancel'].forEach((id) => document.getElementById(id).addEventListener('click', () => { if (!tool()) backToTool(); }));
}

/**
 * A map tool started by one of {@code buttons}, for the keyboard: started by Enter or Space it
 * puts the focus on the map, where Enter takes the map centre ({@code pick(latlng)}); Escape, while
 * {@code active()}, ends it ({@code end()}) and gives the focus back to the button. Register it
 * after the buttons' own click handlers, so that {@code active()} already tells the tool started.
 * Returns what gives the focus back, for the tool's other ways to end.
 */
export function keyboardTool({ map, buttons, active, pick, end }) {
  const container = map.getContainer();
  let startedFrom = null;
  buttons.forEach((b) => b.addEventListener('click', (e) => {
    // detail 0: the click came from Enter or Space, not from a pointer
    if (active()) { startedFrom = b; if (e.detail === 0) container.focus(); }
  }));
  container.addEventListener('keydown', (e) => {
    if (active() && e.key === 'Enter' && e.target === container) { e.preventDefault(); pick(map.getCenter()); }
  });
  const backToButton = () => { if (startedFrom) startedFrom.focus(); startedFrom = null; };
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || !active() || e.defaultPrevented || e.target.closest('#search')) return;
    end();
    backToButton();
  });
  return backToButton;
}

function visibleControls(root) {
  return [...root.querySelectorAll(FOCUSABLE)].filter((el) => !el.closest('[hidden]') && !el.disabled);
}

/** Makes {@code el} (a list entry with a click handler) reachable by Tab and activated by Enter or Space. */
export function activatable(el) {
  el.tabIndex = 0;
  el.addEventListener('keydown', (e) => {
    if (e.target === el && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); el.click(); }
  });
}
