/** One alias attached to an image. */
export interface ImageAliasRef {
  name: string;
  description: string;
}

/** `GET /1.0/images/<fingerprint>`. */
export interface Image {
  fingerprint: string;
  filename: string;
  size: number;
  aliases: ImageAliasRef[];
  architecture: string;
  public: boolean;
  auto_update: boolean;
  cached: boolean;
  properties: Record<string, string>;
  type: 'container' | 'virtual-machine';
  created_at: string;
  uploaded_at: string;
  expires_at: string;
  last_used_at: string;
  profiles: string[];
  project?: string;
}

/** `GET /1.0/images/aliases/<name>`. */
export interface ImageAlias {
  name: string;
  description: string;
  /** Fingerprint of the image the alias points to. */
  target: string;
  type: 'container' | 'virtual-machine';
}

/** `POST /1.0/images/aliases` body. */
export interface ImageAliasesPost {
  name: string;
  target: string;
  description?: string;
  type?: 'container' | 'virtual-machine';
}
