import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * A vega-lite chart as SVG text, drawn in Node: the headless view ('none' renderer) needs no browser and
 * no canvas package; text widths are estimated, which is close enough for axis layout.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
