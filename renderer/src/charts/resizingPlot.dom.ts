/** A uPlot chart that follows its box's width (at least 320 px); returns what removes it. */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export function resizingPlot(
  element: HTMLElement,
  height: number,
  options: Omit<uPlot.Options, 'width' | 'height'>,
  data: uPlot.AlignedData,
): () => void {
  const width = (): number => Math.max(320, element.clientWidth);
  const plot = new uPlot({ ...options, width: width(), height }, data, element);
  const resize = new ResizeObserver(() => plot.setSize({ width: width(), height }));
  resize.observe(element);
  return () => {
    resize.disconnect();
    plot.destroy();
  };
}
