// Account bodies of the web view's sign-up and sign-in.
import { z } from "zod";

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: "enter a valid email address" }));

export const SignupRequest = z.object({
  email: Email,
  password: z
    .string()
    .min(8, { message: "password needs at least 8 characters" })
    .max(256, { message: "password is limited to 256 characters" }),
});
export type SignupRequest = z.infer<typeof SignupRequest>;

export const LoginRequest = z.object({
  email: Email,
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const ChangePasswordRequest = z.object({
  current_password: z.string().min(1).max(256),
  new_password: SignupRequest.shape.password,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const UserView = z.object({ id: z.string(), email: z.string() });
export type UserView = z.infer<typeof UserView>;

export const UserResponse = z.object({ user: UserView });
export type UserResponse = z.infer<typeof UserResponse>;
