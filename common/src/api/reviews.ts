export interface Review {
  id: number;
  bookId: number;
  user: { id: number; name: string };
  /** 1 to 5. */
  rating: number;
  title: string;
  body: string;
  /** The reviewer has a paid order with this book. */
  verifiedPurchase: boolean;
  createdAt: string;
}
