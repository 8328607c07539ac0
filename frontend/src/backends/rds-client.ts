import type {
  AdminBook,
  AdminBookInput,
  AdminBookListQuery,
  AdminBookRow,
  AdminDashboard,
  AdminOrder,
  AdminOrderListQuery,
  AdminOrderRow,
  AdminOrderTarget,
  AdminStockReason,
  StockAdjustmentEntry,
  StockAdjustmentResult,
  BackendDiagnostics,
  AuthorWithBooks,
  BestsellerList,
  BookDetail,
  BookListQuery,
  BookSummary,
  Category,
  CredentialsRequest,
  ItemList,
  Order,
  Page,
  PlaceOrderRequest,
  RegisterUserRequest,
  Review,
  SearchHit,
  Suggestion,
  UserProfile,
} from '@bookstore/common';
import type { CallBackend } from './request';

const segment = encodeURIComponent;

/** backend-rds, typed: the catalog, search, reviews, recommendations and bestsellers. */
export function rdsClient(call: CallBackend) {
  return {
    listBooks: (query: BookListQuery) =>
      call<Page<BookSummary>>({ method: 'GET', path: '/books', query: { ...query } }),
    /** By slug, or by id (all digits). */
    getBook: (slugOrId: string | number) =>
      call<BookDetail>({ method: 'GET', path: `/books/${segment(String(slugOrId))}` }),
    listCategories: () => call<ItemList<Category>>({ method: 'GET', path: '/categories' }),
    getCategory: (slug: string) => call<Category>({ method: 'GET', path: `/categories/${segment(slug)}` }),
    getAuthor: (slug: string) => call<AuthorWithBooks>({ method: 'GET', path: `/authors/${segment(slug)}` }),
    search: (q: string, page: number, pageSize: number) =>
      call<Page<SearchHit>>({ method: 'GET', path: '/search', query: { q, page, pageSize } }),
    suggest: (q: string, limit: number) =>
      call<ItemList<Suggestion>>({ method: 'GET', path: '/search/suggest', query: { q, limit } }),
    listReviews: (bookId: number, page: number, pageSize: number) =>
      call<Page<Review>>({ method: 'GET', path: `/books/${bookId}/reviews`, query: { page, pageSize } }),
    alsoBought: (bookId: number, limit: number) =>
      call<ItemList<BookSummary>>({ method: 'GET', path: `/books/${bookId}/also-bought`, query: { limit } }),
    bestsellers: (days: number, limit: number) =>
      call<BestsellerList>({ method: 'GET', path: '/bestsellers', query: { days, limit } }),

    registerUser: (input: RegisterUserRequest) => call<UserProfile>({ method: 'POST', path: '/users', body: input }),
    verifyCredentials: (input: CredentialsRequest) =>
      call<UserProfile>({ method: 'POST', path: '/users/verify-credentials', body: input }),
    // The calls below act for the signed-in user: request.ts sends it as X-User-Id, never in a body.
    getUser: (userId: number) => call<UserProfile>({ method: 'GET', path: `/users/${userId}` }),
    listUserOrders: (userId: number, page: number, pageSize: number) =>
      call<Page<Order>>({ method: 'GET', path: `/users/${userId}/orders`, query: { page, pageSize } }),
    getOrder: (orderId: number) => call<Order>({ method: 'GET', path: `/orders/${orderId}` }),
    /** 201 a new order, 200 the order this idempotency key placed before. */
    placeOrder: (input: PlaceOrderRequest, timeoutMs: number) =>
      call<Order>({ method: 'POST', path: '/orders', body: input, timeoutMs }),
    cancelOrder: (orderId: number) => call<Order>({ method: 'POST', path: `/orders/${orderId}/cancel` }),
    writeReview: (bookId: number, review: { rating: number; title?: string; body?: string }) =>
      call<Review>({ method: 'POST', path: `/books/${bookId}/reviews`, body: review }),

    // The back office: every call acts for the signed-in admin (X-User-Id); backend-rds
    // reads the role from its users table and refuses anyone else (403 admin_only).
    adminDashboard: (lowStockAt: number) =>
      call<AdminDashboard>({ method: 'GET', path: '/admin/dashboard', query: { lowStockAt } }),
    adminListBooks: (query: AdminBookListQuery) =>
      call<Page<AdminBookRow>>({ method: 'GET', path: '/admin/books', query: { ...query } }),
    adminGetBook: (bookId: number) => call<AdminBook>({ method: 'GET', path: `/admin/books/${bookId}` }),
    adminCreateBook: (input: AdminBookInput) => call<BookDetail>({ method: 'POST', path: '/admin/books', body: input }),
    adminUpdateBook: (bookId: number, input: Omit<AdminBookInput, 'stock'>) =>
      call<BookDetail>({ method: 'PATCH', path: `/admin/books/${bookId}`, body: input }),
    /** Archives: the book leaves the shop, its orders and reviews keep pointing at it. */
    adminArchiveBook: (bookId: number) => call<void>({ method: 'DELETE', path: `/admin/books/${bookId}` }),
    adminRestoreBook: (bookId: number) => call<AdminBook>({ method: 'POST', path: `/admin/books/${bookId}/restore` }),
    adminStockHistory: (bookId: number, page: number, pageSize: number) =>
      call<Page<StockAdjustmentEntry>>({ method: 'GET', path: `/admin/books/${bookId}/stock-adjustments`, query: { page, pageSize } }),
    adminAdjustStock: (bookId: number, change: { delta: number; reason: AdminStockReason; note: string }) =>
      call<StockAdjustmentResult>({ method: 'POST', path: `/admin/books/${bookId}/stock-adjustments`, body: change }),
    adminListOrders: (query: AdminOrderListQuery) =>
      call<Page<AdminOrderRow>>({ method: 'GET', path: '/admin/orders', query: { ...query } }),
    adminGetOrder: (orderId: number) => call<AdminOrder>({ method: 'GET', path: `/admin/orders/${orderId}` }),
    adminSetOrderStatus: (orderId: number, status: AdminOrderTarget) =>
      call<Order>({ method: 'POST', path: `/orders/${orderId}/status`, body: { status } }),

    /** Behind the service token: this backend, its store, a timed round trip (never fails for the store's sake). */
    diagnostics: (timeoutMs: number) => call<BackendDiagnostics>({ method: 'GET', path: '/diagnostics', timeoutMs }),
    /** The course's public check (no token needed): 200 { message, latencyMs } or 500 { error, details }. */
    testConnection: (timeoutMs: number) =>
      call<{ message: string; latencyMs: number }>({ method: 'GET', path: '/test_connection', timeoutMs }),
  };
}

export type RdsClient = ReturnType<typeof rdsClient>;
