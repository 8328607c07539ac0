// Orders as backend-rds takes and gives them (`POST /orders`, `GET /orders/:id`,
// `GET /users/:id/orders`, `POST /orders/:id/cancel`). The buyer is never in a body: it is
// the acting user of the call (`X-User-Id`).

/** pending → paid | payment_failed; paid → shipped | cancelled; shipped → delivered. */
export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'payment_failed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/** Card details as typed at checkout; only the brand and last four digits are ever stored. */
export interface CardInput {
  cardNumber: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

export interface PlaceOrderRequest {
  items: { bookId: number; quantity: number }[];
  shippingAddress: ShippingAddress;
  payment: CardInput;
  /** One per checkout form: the same key never makes a second order. */
  idempotencyKey: string;
}

export interface OrderItem {
  bookId: number;
  /** The title when the order was placed. */
  title: string;
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
}

export interface Order {
  id: number;
  userId: number;
  status: OrderStatus;
  totalCents: number;
  currency: string;
  items: OrderItem[];
  shippingAddress: ShippingAddress;
  payment: { status: string; cardBrand: string | null; cardLast4: string | null } | null;
  createdAt: string;
  paidAt: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  cancelledAt: string | null;
  /** Why a payment_failed attempt failed (a decline code, payment_unavailable …). */
  paymentFailure: string | null;
}

/** `402 payment_declined` details. */
export interface PaymentDeclinedDetails {
  declineCode: string;
}

/** `409 insufficient_stock` details: one entry per book that is short. */
export interface InsufficientStockLine {
  bookId: number;
  title?: string;
  requested: number;
  available: number;
}
