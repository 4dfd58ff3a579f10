import type { Actor } from '../../core/actor'

// Who is chatting: the part of the actor that decides what they may see, and names them.
export type ChatUser = Pick<Actor, 'id' | 'name' | 'role' | 'adminRole' | 'doctorId'>
