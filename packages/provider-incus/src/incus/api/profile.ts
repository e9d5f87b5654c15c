import type { Devices } from './instance.js';

/** `PUT /1.0/profiles/<name>` body. */
export interface ProfilePut {
  description?: string;
  config: Record<string, string>;
  devices: Devices;
}

/** `POST /1.0/profiles` body. */
export interface ProfilesPost extends Partial<ProfilePut> {
  name: string;
}

/** `GET /1.0/profiles/<name>`. */
export interface Profile extends ProfilePut {
  name: string;
  used_by: string[];
  project?: string;
}
