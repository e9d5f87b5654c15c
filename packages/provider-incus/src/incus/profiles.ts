import type { Profile, ProfilePut, ProfilesPost } from './api/profile.js';
import { type IncusTransport, segment } from './transport.js';

/** `/1.0/profiles`: reusable instance config and devices. */
export class ProfilesApi {
  constructor(private readonly transport: IncusTransport) {}

  /** `GET /1.0/profiles?recursion=1`. */
  list(signal?: AbortSignal): Promise<Profile[]> {
    return this.transport.sync({ method: 'GET', path: '/1.0/profiles', query: { recursion: 1 }, signal });
  }

  /** `GET /1.0/profiles/<name>`. */
  get(name: string, signal?: AbortSignal): Promise<Profile> {
    return this.transport.sync({ method: 'GET', path: `/1.0/profiles/${segment(name)}`, signal });
  }

  /** `POST /1.0/profiles`. */
  async create(profile: ProfilesPost, signal?: AbortSignal): Promise<void> {
    await this.transport.sync({ method: 'POST', path: '/1.0/profiles', body: profile, signal });
  }

  /** `PUT /1.0/profiles/<name>`. */
  async update(name: string, profile: ProfilePut, signal?: AbortSignal): Promise<void> {
    await this.transport.sync({ method: 'PUT', path: `/1.0/profiles/${segment(name)}`, body: profile, signal });
  }

  /** `DELETE /1.0/profiles/<name>`. */
  async delete(name: string, signal?: AbortSignal): Promise<void> {
    await this.transport.sync({ method: 'DELETE', path: `/1.0/profiles/${segment(name)}`, signal });
  }
}
