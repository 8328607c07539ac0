// Accounts in backend-rds: `POST /users`, `POST /users/verify-credentials`, `GET /users/:id`.

export interface RegisterUserRequest {
  email: string;
  /** 10 to 200 characters. */
  password: string;
  name: string;
}

export interface CredentialsRequest {
  email: string;
  password: string;
}

/** Everything a user may see about an account: never the password hash. */
export interface UserProfile {
  id: number;
  email: string;
  name: string;
  role: 'customer' | 'admin';
  createdAt: string;
}
