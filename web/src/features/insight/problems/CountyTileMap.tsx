import { useTranslation } from 'react-i18next';

/**
 * A schematic tile map: one tile per county by its real division code, placed roughly where the
 * county lies in J city (荆州市). Real boundary files are not shipped (none could be obtained
 * offline with a clear licence); tiles of equal size also keep small counties readable.
 */
const jingzhouTiles: Record<string, [number, number]> = {
  '421003000000': [1, 0], // 荆州区
  '421002000000': [2, 0], // 沙市区
  '421071000000': [3, 0], // 开发区
  '421087000000': [0, 1], // 松滋市
  '421022000000': [1, 1], // 公安县
  '421024000000': [2, 1], // 江陵县
  '421088000000': [3, 1], // 监利市
  '421083000000': [4, 1], // 洪湖市
  '421081000000': [2, 2], // 石首市
};

const steps = ['#e6f4ff', '#bae0ff', '#91caff', '#0958d9', '#002c8c'];
const darkText = new Set([0, 1, 2]);

export interface Tile {
  code: string;
  name: string | null;
  value: number | null;
}

export function CountyTileMap({
  tiles,
  label,
  onOpen,
}: {
  tiles: Tile[];
  label: string;
  onOpen: (code: string) => void;
}) {
  const { t } = useTranslation();
  const max = Math.max(1, ...tiles.map((tile) => tile.value ?? 0));
  const placed = tiles.map((tile, index) => ({
    tile,
    at: jingzhouTiles[tile.code] ?? ([index % 5, 3 + Math.floor(index / 5)] as [number, number]),
  }));
  const rows = Math.max(...placed.map((p) => p.at[1])) + 1;
  return (
    <div className="haven-tile-map" role="group" aria-label={t('insight.problems.mapOf', { label })}>
      <div
        className="haven-tile-grid"
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(5, minmax(0, 1fr))',
          gridTemplateRows: `repeat(${rows}, minmax(64px, auto))`,
          gap: 4,
          maxWidth: 640,
        }}
      >
        {placed.map(({ tile, at }) => {
          const step = tile.value === null ? -1 : Math.min(4, Math.floor((tile.value / max) * 4.999));
          return (
            <button
              key={tile.code}
              type="button"
              className={`haven-tile${step < 0 ? ' haven-tile-hidden' : ''}`}
              style={{
                gridColumn: at[0] + 1,
                minHeight: 64,
                padding: 4,
                border: '1px solid #8c8c8c',
                borderRadius: 4,
                cursor: 'pointer',
                display: 'flex',
                flexDirection: 'column',
                alignItems: 'center',
                justifyContent: 'center',
                fontSize: 12,
                overflowWrap: 'anywhere',
                gridRow: at[1] + 1,
                background:
                  step < 0 ? 'repeating-linear-gradient(45deg, #f0f0f0 0 6px, #d9d9d9 6px 12px)' : steps[step],
                color: step < 0 || darkText.has(step) ? '#1f1f1f' : '#ffffff',
              }}
              onClick={() => onOpen(tile.code)}
              data-code={tile.code}
            >
              <span className="haven-tile-name">{tile.name ?? tile.code}</span>
              <strong>{tile.value ?? t('insight.problems.hidden')}</strong>
            </button>
          );
        })}
      </div>
      <p className="haven-tile-note">{t('insight.problems.mapNote')}</p>
    </div>
  );
}
