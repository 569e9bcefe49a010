/** Previous and Next for a cursor-paged list: `page` counts from 1; Next is off without a next cursor. */
export function Pager({ page, nextCursor, onPrevious, onNext }: { page: number; nextCursor: string | undefined; onPrevious: () => void; onNext: (cursor: string) => void }) {
  return (
    <nav className="row pager" aria-label="Pages">
      <button type="button" className="secondary" disabled={page === 1} onClick={onPrevious}>
        Previous page
      </button>
      <span>Page {page}</span>
      <button type="button" className="secondary" disabled={!nextCursor} onClick={() => nextCursor && onNext(nextCursor)}>
        Next page
      </button>
    </nav>
  );
}
