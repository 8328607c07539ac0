import type {
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

    /** Behind the service token: this backend, its store, a timed round trip (never fails for the store's sake). */
    diagnostics: (timeoutMs: number) => call<BackendDiagnostics>({ method: 'GET', path: '/diagnostics', timeoutMs }),
    /** The course's public check (no token needed): 200 { message, latencyMs } or 500 { error, details }. */
    testConnection: (timeoutMs: number) =>
      call<{ message: string; latencyMs: number }>({ method: 'GET', path: '/test_connection', timeoutMs }),
  };
}

export type RdsClient = ReturnType<typeof rdsClient>;
